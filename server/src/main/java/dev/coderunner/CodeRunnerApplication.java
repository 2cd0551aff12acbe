package dev.coderunner;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The control plane: REST and real-time API, dashboard, deploy pipeline, runtime and router in one JVM. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CodeRunnerApplication {

    public static void main(String[] args) {
        SpringApplication.run(CodeRunnerApplication.class, args);
    }
}
