package org.connectorhub.hub.projects;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import org.connectorhub.hub.lifecycle.Lifecycle;

/** Makes sure the default project exists and has an API key once the database is up; records API key use. */
public final class BootstrapModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Lifecycle.class).addBinding().to(ProjectBootstrap.class);
        // API keys' last use, written in batches
        Multibinder.newSetBinder(binder(), Lifecycle.class).addBinding().to(ApiKeyUsage.class);
    }
}
