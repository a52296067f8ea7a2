package org.connectorhub.core.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds the connector factories on the class path. */
public final class ConnectorDiscovery {
    private ConnectorDiscovery() {
    }

    public static Map<String, ConnectorFactory> factories(ClassLoader classLoader) {
        Map<String, ConnectorFactory> found = new LinkedHashMap<>();
        for (ConnectorFactory factory : ServiceLoader.load(ConnectorFactory.class, classLoader)) {
            ConnectorFactory previous = found.putIfAbsent(factory.provider(), factory);
            if (previous != null) {
                throw new IllegalStateException("two connectors claim provider '" + factory.provider() + "': "
                        + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        return found;
    }

    public static Map<String, ConnectorFactory> factories() {
        return factories(Thread.currentThread().getContextClassLoader());
    }
}
