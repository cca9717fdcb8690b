# Build stage: the same Maven wrapper and tests-skipped package as the ./czar launcher.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -q -B dependency:go-offline
COPY src/ src/
COPY prompts/ prompts/
RUN ./mvnw -q -B -DskipTests package

# Run stage: a JRE, git for worker working copies, and the fat jar.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home czar
COPY --from=build /src/target/czar.jar /opt/czar/czar.jar
COPY config/ /opt/czar/config/
COPY personas/ /opt/czar/personas/
USER czar
# Mount the repository to supervise at /repo; state lives in /repo/.czar unless CZAR_HOME says otherwise.
WORKDIR /repo
ENV CZAR_CONFIG=/opt/czar/config/czar.yaml
ENTRYPOINT ["java", "-jar", "/opt/czar/czar.jar"]
CMD ["chat"]
