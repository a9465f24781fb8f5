package dev.crossfire.registryserver;

import java.util.List;

import javax.enterprise.inject.Produces;
import javax.inject.Singleton;

import io.apicurio.common.apps.config.DynamicConfigPropertyList;

/**
 * Stands in for the bean that Apicurio's {@code apicurio-common-app-components-config-index} build
 * step would generate (that step is not served by Maven Central). An empty list only disables the
 * registry's settings that can be changed at run time through its admin API.
 */
public class DynamicConfigProducer {

    @Produces
    @Singleton
    DynamicConfigPropertyList dynamicConfigPropertyList() {
        return new DynamicConfigPropertyList(List.of());
    }
}
