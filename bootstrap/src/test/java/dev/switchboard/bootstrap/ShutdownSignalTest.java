package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownSignalTest {

    @Test
    void aRequestReleasesTheWaiterAndARepeatWithinASecondIsTheSameRequest() throws Exception {
        ShutdownSignal signal = ShutdownSignal.manual();
        assertThat(signal.await(10, TimeUnit.MILLISECONDS)).isFalse();

        signal.request("TERM");
        signal.request("TERM"); // delivered twice: must not halt this JVM

        assertThat(signal.await(1, TimeUnit.SECONDS)).isTrue();
        signal.completed();
    }
}
