package org.connectorhub.hub.activity;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import org.connectorhub.core.port.out.ActivityRecorder;
import org.connectorhub.hub.operability.HousekeepingTask;
import org.connectorhub.hub.lifecycle.Lifecycle;

/** The activity log: the core's recorder port, its writer (a lifecycle), its store and its retention. */
public final class ActivityModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ActivityStore.class).to(JdbcActivityStore.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), ActivityRecorder.class).setBinding().to(ActivityWriter.class);
        Multibinder.newSetBinder(binder(), Lifecycle.class).addBinding().to(ActivityWriter.class);
        Multibinder.newSetBinder(binder(), HousekeepingTask.class).addBinding().to(ActivityPurge.class);
    }
}
