package dev.coderunner.web;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeEndpointsTest {

    final AtomicReference<ReadinessState> readiness = new AtomicReference<>(ReadinessState.REFUSING_TRAFFIC);
    final ApplicationAvailability availability = new ApplicationAvailability() {
        @Override
        @SuppressWarnings("unchecked")
        public <S extends AvailabilityState> S getState(Class<S> type, S defaultState) {
            return type == ReadinessState.class ? (S) readiness.get() : type == LivenessState.class ? (S) LivenessState.CORRECT : defaultState;
        }

        @Override
        public <S extends AvailabilityState> S getState(Class<S> type) {
            return getState(type, null);
        }

        @Override
        public <S extends AvailabilityState> org.springframework.boot.availability.AvailabilityChangeEvent<S> getLastChangeEvent(Class<S> type) {
            return null;
        }
    };

    @Test
    void readyOnlyOnceStartUpHasFinishedAndTheDatabaseAnswers() {
        DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:probes;DB_CLOSE_DELAY=-1");
        ProbeEndpoints probes = new ProbeEndpoints(JdbcClient.create(db), availability);

        // Tomcat answers before the router listens and the instances are re-adopted: not ready yet.
        assertThat(probes.ready().getStatusCode().value()).isEqualTo(503);
        assertThat(probes.ready().getBody()).containsEntry("status", "starting");
        assertThat(probes.live()).containsEntry("status", "ok");

        readiness.set(ReadinessState.ACCEPTING_TRAFFIC);
        assertThat(probes.ready().getStatusCode().value()).isEqualTo(200);

        ProbeEndpoints noDatabase = new ProbeEndpoints(JdbcClient.create(new DriverManagerDataSource("jdbc:h2:tcp://127.0.0.1:1/none")), availability);
        assertThat(noDatabase.ready().getStatusCode().value()).isEqualTo(503);
        assertThat(noDatabase.ready().getBody()).containsEntry("status", "database unavailable");
    }
}
