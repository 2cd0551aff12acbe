package dev.coderunner.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeEndpointsTest {

    /** Spring's own availability bean, told of readiness changes as the application context tells it. */
    final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();

    @Test
    void readyOnlyOnceStartUpHasFinishedAndTheDatabaseAnswers() {
        DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:probes;DB_CLOSE_DELAY=-1");
        ProbeEndpoints probes = new ProbeEndpoints(JdbcClient.create(db), availability);

        // Tomcat answers before the router listens and the instances are re-adopted: not ready yet.
        assertThat(probes.ready().getStatusCode().value()).isEqualTo(503);
        assertThat(probes.ready().getBody()).containsEntry("status", "starting");
        assertThat(probes.live()).containsEntry("status", "ok");

        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
        assertThat(probes.ready().getStatusCode().value()).isEqualTo(200);

        ProbeEndpoints noDatabase = new ProbeEndpoints(JdbcClient.create(new DriverManagerDataSource("jdbc:h2:tcp://127.0.0.1:1/none")), availability);
        assertThat(noDatabase.ready().getStatusCode().value()).isEqualTo(503);
        assertThat(noDatabase.ready().getBody()).containsEntry("status", "database unavailable");
    }
}
