package org.connectorhub.hub.crypto;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import org.connectorhub.core.port.out.SecretCipher;
import org.connectorhub.hub.lifecycle.Lifecycle;

/** Tink AEAD under the master key, opened on start by {@link CipherLifecycle}. */
public final class CryptoModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CipherLifecycle.class).in(Singleton.class);
        bind(SecretCipher.class).to(CipherLifecycle.class);
        Multibinder.newSetBinder(binder(), Lifecycle.class).addBinding().to(CipherLifecycle.class);
    }
}
