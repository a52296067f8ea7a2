package org.connectorhub.hub.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.connectorhub.hub.config.HubConfig;
import org.connectorhub.hub.config.HubVariable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The configuration flags of a command, generated from the same list as the environment: one flag
 * per {@link HubVariable} ({@code HUB_MAX_BODY_BYTES} is {@code --max-body-bytes}) and one per
 * setting an installed connector declares ({@code HUB_POSTMARK_BASE_URL} is
 * {@code --postmark-base-url}). A flag wins over the variable; its value is checked as the
 * variable's would be, so a bad one is a usage error.
 */
@Command
public final class ConfigOptions {
    // flag values by variable name, in the order given
    private final Map<String, String> flags = new LinkedHashMap<>();
    // picocli fills a list after handing it over, so it is read only when the config is built
    private final Map<String, Collection<?>> lists = new LinkedHashMap<>();
    private final Map<String, Set<String>> installed;

    @Option(names = "--connector", paramLabel = "PROVIDER.KEY=VALUE",
            description = "Any setting, like HUB_<PROVIDER>_<KEY> (repeatable).")
    Map<String, String> connectorSettings = new LinkedHashMap<>();

    public ConfigOptions() {
        this(Installed.CONNECTORS);
    }

    /** With the installed connectors and the setting keys each declares (provider to keys). */
    public ConfigOptions(Map<String, ? extends Collection<String>> installed) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        installed.forEach((provider, keys) -> copy.put(provider, new TreeSet<>(keys)));
        this.installed = copy;
    }

    /** Called by picocli with the command this mixin is part of: adds the generated flags to it. */
    @Spec(Spec.Target.MIXEE)
    void addFlags(CommandSpec command) {
        for (HubVariable variable : HubVariable.values()) {
            String help = variable.description() + " (" + variable.variable() + ").";
            if (variable.kind() == HubVariable.Kind.LIST) {
                command.addOption(OptionSpec.builder(variable.flag()).type(List.class).auxiliaryTypes(String.class)
                        .splitRegex(",").paramLabel("VALUE").description(help)
                        .getter(listOf(variable.variable())).setter(listInto(variable.variable())).build());
            } else {
                command.addOption(OptionSpec.builder(variable.flag()).type(String.class).paramLabel(label(variable))
                        .description(help).converters(checked(variable)).setter(into(variable.variable())).build());
            }
        }
        installed.forEach((provider, keys) -> keys.forEach(key -> {
            String name = ("HUB_" + provider + "_" + key).toUpperCase(Locale.ROOT);
            String flag = "--" + (provider + "-" + key).toLowerCase(Locale.ROOT).replace('_', '-');
            if (command.findOption(flag) == null) {
                command.addOption(OptionSpec.builder(flag).type(String.class).paramLabel("VALUE")
                        .description("Setting " + key + " of the " + provider + " connector (" + name + ").")
                        .setter(into(name)).build());
            }
        }));
    }

    /** The environment's {@code HUB_*} variables, then the flags given. */
    public HubConfig toConfig(Map<String, String> env) {
        HubConfig.Builder builder = HubConfig.builder().installedConnectors(installed).environment(env);
        flags.forEach(builder::set);
        lists.forEach((variable, values) -> {
            List<String> parts = new ArrayList<>();
            values.forEach(part -> parts.add(String.valueOf(part)));
            builder.set(variable, String.join(",", parts));
        });
        connectorSettings.forEach((name, value) -> {
            int dot = name.indexOf('.');
            if (dot < 1 || dot == name.length() - 1) {
                throw new IllegalArgumentException("--connector takes PROVIDER.KEY=VALUE, not " + name);
            }
            builder.connector(name.substring(0, dot), name.substring(dot + 1), value);
        });
        return builder.build();
    }

    private ISetter into(String variable) {
        return new ISetter() {
            @Override
            public <T> T set(T value) {
                // picocli resets each option to null before parsing
                if (value == null) {
                    flags.remove(variable);
                } else {
                    flags.put(variable, value.toString());
                }
                return null;
            }
        };
    }

    // a repeated list flag adds to the list picocli reads back here
    private IGetter listOf(String variable) {
        return new IGetter() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get() {
                return (T) lists.get(variable);
            }
        };
    }

    private ISetter listInto(String variable) {
        return new ISetter() {
            @Override
            public <T> T set(T value) {
                if (value == null) {
                    lists.remove(variable);
                } else {
                    lists.put(variable, (Collection<?>) value);
                }
                return null;
            }
        };
    }

    private static ITypeConverter<String> checked(HubVariable variable) {
        return value -> {
            try {
                variable.check(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            return value;
        };
    }

    private static String label(HubVariable variable) {
        return switch (variable.kind()) {
            case INTEGER -> "N";
            case PATH -> "PATH";
            case DURATION -> "DURATION";
            case BOOLEAN -> "true|false";
            default -> "VALUE";
        };
    }

    // looked up once, when the first command is built, not in every constructor
    private static final class Installed {
        static final Map<String, Set<String>> CONNECTORS = HubConfig.discoveredConnectors();
    }
}
