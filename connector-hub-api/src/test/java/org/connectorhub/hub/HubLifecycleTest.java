package org.connectorhub.hub;

import org.connectorhub.hub.lifecycle.Lifecycle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.multibindings.Multibinder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hub starts its parts by phase, stops them in reverse, and undoes a half-done start. */
class HubLifecycleTest {
    private final List<String> events = new ArrayList<>();

    private Lifecycle part(String name, int phase, boolean failsToStart) {
        return new Lifecycle() {
            @Override
            public int phase() {
                return phase;
            }

            @Override
            public void start() {
                if (failsToStart) {
                    throw new IllegalStateException(name + " cannot start");
                }
                events.add("start " + name);
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }

    private Hub hubOf(Lifecycle... parts) {
        return Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder<Lifecycle> set = Multibinder.newSetBinder(binder(), Lifecycle.class);
                for (Lifecycle part : parts) {
                    set.addBinding().toInstance(part);
                }
            }
        }).getInstance(Hub.class);
    }

    @Test
    void startsByPhaseAndStopsInReverse() {
        Hub hub = hubOf(part("http", Lifecycle.HTTP, false), part("db", Lifecycle.DATABASE, false),
                part("cipher", Lifecycle.CIPHER, false));

        hub.start();
        hub.stop();
        hub.stop();

        assertThat(events).containsExactly("start db", "start cipher", "start http", "stop http", "stop cipher", "stop db");
    }

    @Test
    void aFailedStartStopsWhatHadStarted() {
        Hub hub = hubOf(part("db", Lifecycle.DATABASE, false), part("cipher", Lifecycle.CIPHER, true),
                part("http", Lifecycle.HTTP, false));

        assertThatThrownBy(hub::start).hasMessage("cipher cannot start");
        assertThat(events).containsExactly("start db", "stop db");
    }
}
