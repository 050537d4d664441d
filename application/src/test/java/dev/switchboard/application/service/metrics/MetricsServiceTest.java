package dev.switchboard.application.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class MetricsServiceTest {

    @Mock
    MetricStore store;

    @Test
    void put_completesOnlyWhenTheStoreHasThePoint() {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        MetricPoint point = MetricPoint.of("cpu", 1.5, 10);
        when(store.save(point)).thenReturn(stored);

        CompletableFuture<Void> answer = new MetricsService(store).put(point).toCompletableFuture();

        assertThat(answer).isNotDone();
        stored.complete(null);
        assertThat(answer).isCompleted();
    }

    @Test
    void put_failsWhenTheStoreFails() {
        MetricPoint point = MetricPoint.of("cpu", 1.5, 10);
        when(store.save(point)).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("disk full")));

        assertThat(new MetricsService(store).put(point).toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void get_returnsWhatTheStoreFinds() {
        List<MetricPoint> points = List.of(MetricPoint.of("cpu", 1.5, 10));
        when(store.find(MetricQuery.all())).thenReturn(points);

        assertThat(new MetricsService(store).get(MetricQuery.all())).isEqualTo(points);
        verify(store).find(MetricQuery.all());
    }

    @Test
    void refusesNulls() {
        MetricsService service = new MetricsService(store);
        assertThatThrownBy(() -> service.put(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> service.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MetricsService(null)).isInstanceOf(NullPointerException.class);
    }
}
