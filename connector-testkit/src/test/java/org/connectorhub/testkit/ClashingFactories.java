package org.connectorhub.testkit;

import org.connectorhub.core.domain.ImmutableConnectorDescriptor;
import org.connectorhub.core.spi.Connector;
import org.connectorhub.core.spi.ConnectorConfig;
import org.connectorhub.core.spi.ConnectorFactory;
import org.connectorhub.testkit.example.calendly.CalendlyConnectorFactory;

/**
 * Factories that the discovery self-test lists in an extra {@code META-INF/services} file (never
 * in the kit's own): a second factory claiming {@code calendly}, and an unrelated connector
 * under its own key, whose contract must not suffer from the clash.
 */
public final class ClashingFactories {
    static final String TWIN = "calendly_twin";

    private ClashingFactories() {
    }

    /** A second connector claiming Calendly's key, as a copied module left on the class path would. */
    public static final class SecondCalendly implements ConnectorFactory {
        @Override
        public String provider() {
            return CalendlyConnectorFactory.PROVIDER;
        }

        @Override
        public Connector create(ConnectorConfig config) {
            return new CalendlyConnectorFactory().create(config);
        }
    }

    /** Calendly under a key of its own: an unrelated connector as far as the clash goes. */
    public static final class CalendlyTwin implements ConnectorFactory {
        @Override
        public String provider() {
            return TWIN;
        }

        @Override
        public Connector create(ConnectorConfig config) {
            Connector real = new CalendlyConnectorFactory().create(config);
            return new Connector() {
                private final org.connectorhub.core.domain.ConnectorDescriptor descriptor =
                        ImmutableConnectorDescriptor.copyOf(real.descriptor()).withProvider(TWIN);

                @Override
                public org.connectorhub.core.domain.ConnectorDescriptor descriptor() {
                    return descriptor;
                }

                @Override
                public org.connectorhub.core.spi.AuthVerifier verifier() {
                    return real.verifier();
                }

                @Override
                public java.util.List<org.connectorhub.core.spi.ConnectorAction> actions() {
                    return real.actions();
                }

                @Override
                public void close() {
                    real.close();
                }
            };
        }
    }
}
