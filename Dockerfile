# syntax=docker/dockerfile:1
# crossfire's container image: built from source in a Maven stage, run on a slim Java runtime as a
# non-root user. `docker build -t crossfire:0.1.0 .` from the repository's root.
# A Dockerfile rather than Jib: platform teams read and patch it without knowing Maven plugins, and
# the same file builds in CI, on a laptop and in docker compose.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY schemas schemas
COPY src src
# BuildKit keeps Maven's repository between builds, so a source change downloads nothing again; a
# failing download fails the build, and shows why
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -DskipTests package

# the current Java 17 patch release of the runtime image; pin its digest in your own build if you need
# byte-for-byte rebuilds
FROM eclipse-temurin:17-jre-jammy
RUN groupadd --system --gid 10001 crossfire \
 && useradd --system --uid 10001 --gid crossfire --home-dir /opt/crossfire --shell /usr/sbin/nologin crossfire \
 && mkdir -p /opt/crossfire /etc/crossfire /var/lib/crossfire/state \
 && chown -R crossfire:crossfire /var/lib/crossfire
# the service's jar: no embedded broker, no Scala, native libraries for Linux x86_64 and aarch64 only (42 MB
# against crossfire.jar's 131 MB); demo and bench, which start a broker, are for crossfire.jar on a laptop
COPY --from=build /src/target/crossfire-service.jar /opt/crossfire/crossfire.jar
# the licence and the notices (the jar carries them in META-INF too): Apache-2.0, no GPL-derived file
COPY LICENSE NOTICE /opt/crossfire/
LABEL org.opencontainers.image.licenses="Apache-2.0" org.opencontainers.image.title="crossfire"
# the demo's registry and sample, for compose's demo profile and for trying the image out
COPY src/main/resources/demo/figures.yaml src/main/resources/demo/posts.jsonl /opt/crossfire/demo/
COPY deploy/crossfire.properties /etc/crossfire/crossfire.properties
USER 10001:10001
WORKDIR /opt/crossfire
EXPOSE 8080
VOLUME ["/var/lib/crossfire/state"]
# ready only while Kafka Streams is RUNNING; bash's /dev/tcp, so the check needs nothing but the shell
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -1 <&3 | grep -q " 200 "'
# the container's memory limit decides the service's heap (Kafka Streams' RocksDB lives off heap, so
# leave room); on the entrypoint, not in JAVA_TOOL_OPTIONS, so a tool run with `docker exec` (alerts
# tail) does not also claim 60% of the container
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/crossfire/crossfire.jar"]
CMD ["run", "--config", "/etc/crossfire/crossfire.properties"]
