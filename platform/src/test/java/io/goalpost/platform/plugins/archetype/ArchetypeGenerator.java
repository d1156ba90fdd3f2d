package io.goalpost.platform.plugins.archetype;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generates a project from an archetype jar (or its unpacked classes folder) the way
 * {@code mvn archetype:generate} does for the subset the Goalpost archetype uses: each {@code fileSet}
 * of {@code META-INF/maven/archetype-metadata.xml} with its includes, {@code packaged} (files go below
 * the package's folders), {@code filtered} ({@code ${property}} replaced, unknown references left as
 * they are, as Velocity leaves them) and {@code __property__} in file names. The archetype plugin itself
 * is not in this build's offline repository; this reads the same descriptor and templates, so what the
 * test generates is what a plugin author gets.
 *
 * <p>Usable from the command line too: {@code java ArchetypeGenerator.java ARCHETYPE_JAR_OR_DIR OUT key=value...}
 */
public final class ArchetypeGenerator {

    private static final Pattern FILESET = Pattern.compile("<fileSet(\\s[^>]*)?>(.*?)</fileSet>", Pattern.DOTALL);
    private static final Pattern DIRECTORY = Pattern.compile("<directory>([^<]*)</directory>");
    private static final Pattern INCLUDE = Pattern.compile("<include>([^<]*)</include>");

    private ArchetypeGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            properties.put(kv[0], kv[1]);
        }
        generate(Path.of(args[0]), Path.of(args[1]), properties);
    }

    /**
     * Generates into {@code out} (created). {@code properties} must hold groupId, artifactId, version,
     * package and the archetype's required properties; defaults of the descriptor fill the rest.
     */
    public static List<Path> generate(Path archetype, Path out, Map<String, String> properties) throws IOException {
        if (Files.isDirectory(archetype)) {
            return generateFrom(archetype, out, properties);
        }
        try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + archetype.toUri()), Map.of())) {
            return generateFrom(jar.getPath("/"), out, properties);
        }
    }

    private static List<Path> generateFrom(Path root, Path out, Map<String, String> given) throws IOException {
        String descriptor = Files.readString(root.resolve("META-INF/maven/archetype-metadata.xml"));
        Map<String, String> properties = new java.util.LinkedHashMap<>(defaults(descriptor));
        properties.putAll(given);
        for (String required : List.of("groupId", "artifactId", "version", "package")) {
            if (!properties.containsKey(required)) {
                throw new IllegalArgumentException("property " + required + " is missing");
            }
        }
        Path resources = root.resolve("archetype-resources");
        Path project = out.resolve(properties.get("artifactId"));
        List<Path> written = new ArrayList<>();
        write(resources.resolve("pom.xml"), project.resolve("pom.xml"), true, properties, written);
        Matcher sets = FILESET.matcher(descriptor);
        while (sets.find()) {
            String attributes = sets.group(1) == null ? "" : sets.group(1);
            boolean filtered = attributes.contains("filtered=\"true\"");
            boolean packaged = attributes.contains("packaged=\"true\"");
            Matcher dir = DIRECTORY.matcher(sets.group(2));
            String directory = dir.find() ? dir.group(1).trim() : "";
            List<PathMatcher> includes = new ArrayList<>();
            Matcher inc = INCLUDE.matcher(sets.group(2));
            while (inc.find()) {
                String glob = inc.group(1).trim();
                includes.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
                if (glob.startsWith("**/")) {
                    // Maven's ** also matches no folder at all.
                    includes.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
                }
            }
            Path from = directory.isEmpty() ? resources : resources.resolve(directory);
            if (!Files.isDirectory(from)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(from)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            for (Path file : files) {
                Path relative = Path.of(from.relativize(file).toString());
                if (includes.stream().noneMatch(m -> m.matches(relative))) {
                    continue;
                }
                Path target = project.resolve(directory);
                if (packaged) {
                    target = target.resolve(properties.get("package").replace('.', '/'));
                }
                target = target.resolve(rename(relative.toString(), properties));
                write(file, target, filtered, properties, written);
            }
        }
        return List.copyOf(written);
    }

    private static void write(Path from, Path to, boolean filtered, Map<String, String> properties, List<Path> written)
            throws IOException {
        Files.createDirectories(to.getParent());
        if (filtered) {
            Files.writeString(to, filter(Files.readString(from, StandardCharsets.UTF_8), properties), StandardCharsets.UTF_8);
        } else {
            Files.copy(from, to);
        }
        written.add(to);
    }

    private static Map<String, String> defaults(String descriptor) {
        Map<String, String> defaults = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("<requiredProperty key=\"([^\"]+)\">\\s*<defaultValue>([^<]*)</defaultValue>")
                .matcher(descriptor);
        while (m.find()) {
            defaults.put(m.group(1), m.group(2).replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&"));
        }
        return defaults;
    }

    static String filter(String text, Map<String, String> properties) {
        String out = text;
        for (Map.Entry<String, String> e : properties.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    private static String rename(String path, Map<String, String> properties) {
        String out = path;
        for (Map.Entry<String, String> e : properties.entrySet()) {
            out = out.replace("__" + e.getKey() + "__", e.getValue());
        }
        return out;
    }
}
