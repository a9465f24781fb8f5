package dev.crossfire.registryserver;

import java.util.Optional;

import javax.enterprise.event.Observes;
import javax.inject.Singleton;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

/**
 * Makes a registry started by a test JVM die with it, even when that JVM is killed without running
 * its shutdown hooks. The test side passes its own pid as {@code -Dcrossfire.registry.parent-pid};
 * without that property (a registry started by hand) this does nothing.
 */
@Singleton
public class ParentWatch {

    static final String PARENT_PID = "crossfire.registry.parent-pid";

    private static final Logger LOG = Logger.getLogger(ParentWatch.class);

    void onStart(@Observes StartupEvent event) {
        String value = System.getProperty(PARENT_PID);
        if (value == null || value.isBlank()) {
            return;
        }
        long pid = Long.parseLong(value.trim());
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            LOG.infof("parent process %d is gone; shutting down", pid);
            Quarkus.asyncExit(0);
            return;
        }
        LOG.infof("will shut down when parent process %d exits", pid);
        parent.get().onExit().thenRun(() -> {
            LOG.infof("parent process %d exited; shutting down", pid);
            Quarkus.asyncExit(0);
        });
    }
}
