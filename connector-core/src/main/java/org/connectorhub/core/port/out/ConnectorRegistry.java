package org.connectorhub.core.port.out;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.connectorhub.core.spi.Connector;

/** The installed connectors, by provider key. */
public interface ConnectorRegistry {
    Optional<Connector> find(String provider);

    Collection<Connector> all();

    /** A registry over a fixed map (what a Guice MapBinder or ServiceLoader discovery yields). */
    static ConnectorRegistry of(Map<String, Connector> connectors) {
        Map<String, Connector> sorted = new TreeMap<>(connectors);
        return new ConnectorRegistry() {
            @Override
            public Optional<Connector> find(String provider) {
                return Optional.ofNullable(sorted.get(provider));
            }

            @Override
            public Collection<Connector> all() {
                return java.util.List.copyOf(sorted.values());
            }
        };
    }
}
