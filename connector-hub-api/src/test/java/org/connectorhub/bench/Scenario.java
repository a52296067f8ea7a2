package org.connectorhub.bench;

import java.util.List;

/** One scenario of the suite: it measures a baseline and ours in the same run. */
interface Scenario {
    /** A short key: {@code adapter}, {@code transport}, {@code hub}, {@code linking}, {@code store}, {@code footprint}, {@code jmh}, {@code accounts}. */
    String key();

    List<Figure> run(BenchSettings settings) throws Exception;
}
