package org.connectorhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Scenario 1d reads wrk's report; CI's smoke mode runs the Java driver, so the parsing is checked here. */
class WrkTest {
    @Test
    void readsCallsLatencyPercentilesAndErrorsFromWrksReport() {
        String report = """
                Running 1s test @ http://127.0.0.1:18080/v1/nothing
                  1 threads and 2 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency     0.93ms    2.89ms  31.89ms   95.66%
                  Latency Distribution
                     50%  234.00us
                     75%  365.00us
                     90%    1.81ms
                     99%   18.17ms
                  6843 requests in 2.00s, 1.81MB read
                  Non-2xx or 3xx responses: 43
                  Socket errors: connect 0, read 2, write 0, timeout 5
                Requests/sec:   3421.50
                """;

        LoadResult result = Wrk.parse("probe", 2, report);

        assertThat(result.errors()).isEqualTo(50);
        assertThat(result.ops()).isEqualTo(6793);
        assertThat(result.seconds()).isEqualTo(2.0);
        assertThat(result.throughput()).isEqualTo(6793 / 2.0);
        assertThat(result.p50Micros()).isEqualTo(234.0);
        assertThat(result.p99Micros()).isEqualTo(18_170.0);
        assertThat(result.firstError()).isNotEmpty();
    }

    @Test
    void aReportWithoutACountIsAnErrorNotAZero() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Wrk.parse("probe", 2, "unable to connect to 127.0.0.1:1"))
                .isInstanceOf(IllegalStateException.class);
    }
}
