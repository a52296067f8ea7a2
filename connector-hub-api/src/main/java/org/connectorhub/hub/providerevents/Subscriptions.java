package org.connectorhub.hub.providerevents;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.connectorhub.core.port.out.SecretCipher;
import org.connectorhub.hub.http.PublicUrl;

/**
 * New subscriptions (a random Basic username and password per account, the password sealed) and
 * the callback URL a provider posts to: {@code <public URL>/v1/provider_events/<provider>/<account id>}.
 */
@Singleton
public final class Subscriptions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretCipher cipher;
    private final PublicUrl publicUrl;

    @Inject
    public Subscriptions(SecretCipher cipher, PublicUrl publicUrl) {
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
    }

    Subscription create(String accountId, String projectId, String provider) {
        byte[] user = new byte[6];
        byte[] password = new byte[24];
        RANDOM.nextBytes(user);
        RANDOM.nextBytes(password);
        // URL-safe, so it can sit in a URL's user info (Postmark's InboundHookUrl) as it is
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(password);
        return new Subscription(accountId, projectId, provider, "hub_" + HexFormat.of().formatHex(user),
                cipher.seal(secret.getBytes(UTF_8), Subscription.passwordAssociatedData(accountId)), Subscription.PENDING,
                List.of(), List.of(), Optional.empty(), Optional.empty(), false, 1, 0);
    }

    /** The receiver's password of this subscription, in clear: for the provider and the constant-time check only. */
    String password(Subscription subscription) {
        return new String(cipher.open(subscription.sealedPassword(),
                Subscription.passwordAssociatedData(subscription.accountId())), UTF_8);
    }

    URI callback(String provider, String accountId) {
        String base = publicUrl.base();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/provider_events/"
                + URLEncoder.encode(provider, UTF_8) + "/" + URLEncoder.encode(accountId, UTF_8));
    }

    String publicBase() {
        return publicUrl.base();
    }
}
