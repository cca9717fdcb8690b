package dev.czar.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads {@code czar.yaml}, applies environment overrides and validates the result.
 *
 * <p>Every scalar key {@code a.b-c} can be overridden by the env var {@code CZAR_A_B_C}; a few well-known
 * names ({@link EnvAliases}) work too. Env wins over the file, the file wins over defaults.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /**
     * @param file the YAML file, or {@code null} to run on defaults plus env overrides
     */
    public CzarConfig load(Path file) {
        String origin = file == null ? "defaults" : file.toString();
        ObjectNode tree = file == null ? JsonNodeFactory.instance.objectNode() : readTree(file);
        applyEnvOverrides(tree);
        Function<String, String> originOf = key -> overridingEnvVar(key).map(name -> "env " + name).orElse(origin);
        CzarConfig config = bind(tree, originOf);
        ConfigValidator.validate(config, originOf);
        return config;
    }

    /** Env var name that overrides the given dotted key. */
    public static String envName(String dottedKey) {
        return "CZAR_" + dottedKey.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }

    /** Every scalar key with its default value, dotted, in declaration order. */
    public static List<String> scalarKeys() {
        List<String> keys = new ArrayList<>();
        collectScalarKeys(YAML.valueToTree(CzarConfig.defaults()), "", keys);
        return keys;
    }

    private static ObjectNode readTree(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file not found: " + file + " (create it from config/czar.yaml or drop --config)");
        }
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": the top level must be a mapping of settings (see config/czar.yaml)");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ConfigException(file + ": not valid YAML" + where + ": " + firstLine(e.getOriginalMessage())
                    + " (fix the syntax or compare with config/czar.yaml)");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    private void applyEnvOverrides(ObjectNode tree) {
        for (String key : scalarKeys()) {
            overridingEnvVar(key).ifPresent(name -> put(tree, key, env.get(name)));
        }
    }

    /** The env var that overrides {@code key}, if one is set: the generic name first, then the alias. */
    private java.util.Optional<String> overridingEnvVar(String key) {
        if (env.get(envName(key)) != null) {
            return java.util.Optional.of(envName(key));
        }
        return java.util.Optional.ofNullable(EnvAliases.name(key)).filter(env::containsKey);
    }

    private static void put(ObjectNode tree, String dottedKey, String value) {
        String[] parts = dottedKey.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }

    private static CzarConfig bind(ObjectNode tree, Function<String, String> originOf) {
        try {
            return YAML.treeToValue(tree, CzarConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(originOf.apply(dotted(e)) + ": unknown key '" + dotted(e) + "' (known keys here: " + known + ")");
        } catch (InvalidFormatException e) {
            throw new ConfigException(originOf.apply(dotted(e)) + ": '" + dotted(e) + "' must be "
                    + describe(e.getTargetType()) + ", got '" + e.getValue() + "'");
        } catch (MismatchedInputException e) {
            throw new ConfigException(originOf.apply(dotted(e)) + ": '" + dotted(e) + "' must be "
                    + describe(e.getTargetType()) + " (see config/czar.yaml for its shape)");
        } catch (JsonProcessingException e) {
            throw new ConfigException(originOf.apply("") + ": " + firstLine(e.getOriginalMessage()));
        }
    }

    private static String dotted(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == String.class) {
            return "a text value";
        }
        return "a mapping of settings";
    }

    private static void collectScalarKeys(JsonNode node, String prefix, List<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                collectScalarKeys(field.getValue(), key, out);
            } else if (field.getValue().isValueNode()) {
                out.add(key);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
