package org.connectorhub.hub.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.connectorhub.core.spi.ConnectorConfig;

/** Turns variable names and their texts into the typed {@link HubConfig}; the one place that parses. */
final class ConfigReader {
    private final Map<String, String> values;

    private ConfigReader(Map<String, String> values) {
        this.values = values;
    }

    static HubConfig read(Map<String, String> values, Map<String, Set<String>> installed) {
        return new ConfigReader(values).read(installed);
    }

    /** Checks one text the way {@link #read} would, e.g. for a flag; throws with the variable's name. */
    static void check(HubVariable variable, String text) {
        switch (variable.kind()) {
            case INTEGER -> number(variable.variable(), text);
            case PATH -> path(variable.variable(), text);
            case DURATION -> Durations.parse(variable.variable(), text);
            case BOOLEAN -> bool(variable.variable(), text);
            case LIST -> origins(variable.variable(), text);
            default -> {
                // any text
            }
        }
    }

    private HubConfig read(Map<String, Set<String>> installed) {
        Path dataDir = path(HubVariable.DATA_DIR).orElse(Path.of(CipherConfig.DEFAULT_DATA_DIR));
        HttpConfig http = ImmutableHttpConfig.builder()
                .host(text(HubVariable.HOST).orElse(HttpConfig.DEFAULT_HOST))
                .port(integer(HubVariable.PORT).orElse(HttpConfig.DEFAULT_PORT))
                .maxBodyBytes(text(HubVariable.MAX_BODY_BYTES).map(v -> number("HUB_MAX_BODY_BYTES", v))
                        .orElse(HttpConfig.DEFAULT_MAX_BODY_BYTES))
                .publicUrl(text(HubVariable.PUBLIC_URL))
                .allowedOrigins(text(HubVariable.ALLOWED_ORIGINS).map(v -> origins("HUB_ALLOWED_ORIGINS", v))
                        .orElse(List.of()))
                .build();
        DatabaseConfig database = ImmutableDatabaseConfig.builder()
                .url(text(HubVariable.DB_URL))
                .user(text(HubVariable.DB_USER).orElse(""))
                .password(text(HubVariable.DB_PASSWORD).orElse(""))
                .dataDir(dataDir)
                .build();
        CipherConfig cipher = ImmutableCipherConfig.builder()
                .dataDir(dataDir)
                .masterKey(text(HubVariable.MASTER_KEY))
                .masterKeyFile(path(HubVariable.MASTER_KEY_FILE))
                .build();
        ProjectsConfig projects = ImmutableProjectsConfig.builder()
                .bootstrapApiKey(text(HubVariable.BOOTSTRAP_API_KEY))
                .build();
        CacheSettings cacheDefaults = CacheSettings.defaults();
        CacheSettings caches = new CacheSettings(
                duration(HubVariable.CACHE_API_KEY_TTL).orElse(cacheDefaults.apiKeyTtl()),
                duration(HubVariable.CACHE_ACCOUNT_TTL).orElse(cacheDefaults.accountTtl()),
                integer(HubVariable.CACHE_MAX_ENTRIES).orElse(cacheDefaults.maxEntries()));
        WebhookSettings webhookDefaults = WebhookSettings.defaults();
        WebhookSettings webhooks = new WebhookSettings(
                text(HubVariable.WEBHOOKS_ALLOW_PRIVATE).map(v -> bool("HUB_WEBHOOKS_ALLOW_PRIVATE", v))
                        .orElse(webhookDefaults.allowPrivateAddresses()),
                duration(HubVariable.WEBHOOKS_RETRY_BASE).orElse(webhookDefaults.retryBase()),
                duration(HubVariable.WEBHOOKS_RETRY_MAX_DELAY).orElse(webhookDefaults.retryMaxDelay()),
                duration(HubVariable.WEBHOOKS_RETRY_FOR).orElse(webhookDefaults.retryFor()),
                duration(HubVariable.WEBHOOKS_TIMEOUT).orElse(webhookDefaults.timeout()),
                integer(HubVariable.WEBHOOKS_CONCURRENCY).orElse(webhookDefaults.concurrency()),
                duration(HubVariable.WEBHOOKS_POLL_INTERVAL).orElse(webhookDefaults.pollInterval()));
        RecheckSettings recheckDefaults = RecheckSettings.defaults();
        RecheckSettings rechecks = new RecheckSettings(
                duration(HubVariable.RECHECK_INTERVAL).orElse(recheckDefaults.interval()),
                integer(HubVariable.RECHECK_CONCURRENCY).orElse(recheckDefaults.concurrencyPerProvider()),
                duration(HubVariable.RECHECK_TICK).orElse(recheckDefaults.tick()));
        ActivitySettings logDefaults = ActivitySettings.defaults();
        ActivitySettings logs = new ActivitySettings(
                text(HubVariable.LOGS_ENABLED).map(v -> bool("HUB_LOGS_ENABLED", v)).orElse(logDefaults.enabled()),
                text(HubVariable.LOGS_BODIES).map(v -> bool("HUB_LOGS_BODIES", v)).orElse(logDefaults.bodies()),
                duration(HubVariable.LOGS_RETENTION).orElse(logDefaults.retention()),
                integer(HubVariable.LOGS_QUEUE).orElse(logDefaults.queueCapacity()),
                integer(HubVariable.LOGS_BATCH_SIZE).orElse(logDefaults.batchSize()));
        AuditSettings audit = new AuditSettings(duration(HubVariable.AUDIT_RETENTION));
        ProxySettings proxy = new ProxySettings(text(HubVariable.PROXY_MAX_BODY_BYTES)
                .map(v -> number("HUB_PROXY_MAX_BODY_BYTES", v)).orElse(ProxySettings.DEFAULT_MAX_BODY_BYTES));
        ProviderEventsSettings eventDefaults = ProviderEventsSettings.defaults();
        ProviderEventsSettings providerEvents = new ProviderEventsSettings(
                text(HubVariable.PROVIDER_EVENTS_ALLOW_PRIVATE).map(v -> bool("HUB_PROVIDER_EVENTS_ALLOW_PRIVATE", v))
                        .orElse(eventDefaults.allowPrivate()),
                duration(HubVariable.PROVIDER_EVENTS_POLL_INTERVAL).orElse(eventDefaults.pollInterval()),
                duration(HubVariable.PROVIDER_EVENTS_RETRY_BASE).orElse(eventDefaults.retryBase()));
        List<String> warnings = new ArrayList<>();
        ConnectorsConfig connectors = connectors(installed, warnings);
        return ImmutableHubConfig.of(http, database, cipher, projects, caches, webhooks, rechecks, logs, audit, proxy,
                providerEvents,
                connectors, warnings);
    }

    /**
     * Every variable that is not a hub one goes to the installed connector its prefix names;
     * the rest is warned about (with the nearest known name) and dropped.
     */
    private ConnectorsConfig connectors(Map<String, Set<String>> installed, List<String> warnings) {
        Set<String> known = new TreeSet<>(HubVariable.LAUNCHER_VARIABLES);
        for (HubVariable variable : HubVariable.values()) {
            known.add(variable.variable());
        }
        installed.forEach((provider, keys) -> keys.forEach(key -> known.add(connectorVariable(provider, key))));
        Map<String, Map<String, String>> byProvider = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
            String name = entry.getKey();
            if (HubVariable.byVariable(name).isPresent() || HubVariable.LAUNCHER_VARIABLES.contains(name)) {
                continue;
            }
            Optional<String> provider = providerOf(name, installed.keySet());
            if (provider.isPresent()) {
                String prefix = connectorVariable(provider.get(), "");
                String key = name.substring(prefix.length()).toLowerCase(Locale.ROOT);
                byProvider.computeIfAbsent(provider.get(), p -> new LinkedHashMap<>()).put(key, entry.getValue());
                if (!installed.get(provider.get()).contains(key)) {
                    warnings.add(name + " is not a setting the " + provider.get() + " connector declares (it is passed on)"
                            + suggestion(name, known));
                }
            } else {
                warnings.add(name + " is not a hub setting nor one of an installed connector "
                        + installed.keySet() + ", and is ignored" + suggestion(name, known));
            }
        }
        Map<String, ConnectorConfig> settings = new LinkedHashMap<>();
        byProvider.forEach((provider, properties) -> settings.put(provider, new ConnectorConfig(properties)));
        return ImmutableConnectorsConfig.builder().settings(settings).build();
    }

    private static String suggestion(String name, Set<String> known) {
        return NearestName.of(name, known).map(nearest -> "; did you mean " + nearest + "?").orElse("");
    }

    /** The installed provider whose {@code HUB_<PROVIDER>_} prefix the name has, the longest if several. */
    private static Optional<String> providerOf(String name, Set<String> providers) {
        String found = null;
        for (String provider : providers) {
            String prefix = connectorVariable(provider, "");
            if (name.startsWith(prefix) && name.length() > prefix.length()
                    && (found == null || provider.length() > found.length())) {
                found = provider;
            }
        }
        return Optional.ofNullable(found);
    }

    static String connectorVariable(String provider, String key) {
        return ("HUB_" + provider + "_" + key).toUpperCase(Locale.ROOT);
    }

    private Optional<String> text(HubVariable variable) {
        return Optional.ofNullable(values.get(variable.variable())).map(String::strip).filter(v -> !v.isEmpty());
    }

    private Optional<Integer> integer(HubVariable variable) {
        return text(variable).map(v -> {
            long value = number(variable.variable(), v);
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(variable.variable() + " is out of range: " + v);
            }
            return (int) value;
        });
    }

    private Optional<Duration> duration(HubVariable variable) {
        return text(variable).map(v -> Durations.parse(variable.variable(), v));
    }

    private Optional<Path> path(HubVariable variable) {
        return text(variable).map(v -> path(variable.variable(), v));
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + value);
        }
    }

    private static Path path(String name, String value) {
        try {
            return Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(name + " must be a path: " + e.getMessage());
        }
    }

    private static boolean bool(String name, String value) {
        if (value.strip().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.strip().equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be true or false: " + value);
    }

    private static List<String> origins(String name, String value) {
        try {
            return AllowedOrigins.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
