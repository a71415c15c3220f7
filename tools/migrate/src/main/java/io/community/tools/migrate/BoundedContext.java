package io.community.tools.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One context of the schema: its Flyway migrations ({@code sql/<name>}, packaged as
 * {@code db/<name>}), its history table ({@code flyway_history_<name>}, as the applications name
 * it) and the tables its migrations create. The monolith holds all three contexts in one
 * database; each service holds one.
 */
record BoundedContext(String name, List<String> tables) {
    static final List<String> NAMES = List.of("user", "relation", "creation");
    private static final Pattern CREATE_TABLE =
            Pattern.compile("CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?`?(\\w+)`?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP_OR_RENAME =
            Pattern.compile("\\b(DROP|RENAME)\\s+TABLE\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");

    String historyTable() {
        return "flyway_history_" + name;
    }

    String location() {
        return "classpath:db/" + name;
    }

    /** The context's tables, read from its migrations in version order. */
    static BoundedContext load(String name) {
        Map<String, String> scripts = migrations(name);
        Set<String> tables = new LinkedHashSet<>();
        scripts.forEach((file, sql) -> {
            String code = sql.replaceAll("(?m)--.*$", "");
            if (DROP_OR_RENAME.matcher(code).find()) {
                // the table set would then depend on the version; teach this parser first
                throw new IllegalStateException(
                        file + " drops or renames a table: the split tool does not follow that yet");
            }
            Matcher m = CREATE_TABLE.matcher(code);
            while (m.find()) {
                tables.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        });
        if (tables.isEmpty()) {
            throw new IllegalStateException("no migrations found for context " + name + " under db/" + name);
        }
        return new BoundedContext(name, List.copyOf(tables));
    }

    /** File name → content, versioned migrations only, in version order. */
    private static Map<String, String> migrations(String name) {
        URL url = BoundedContext.class.getClassLoader().getResource("db/" + name);
        if (url == null) {
            throw new IllegalStateException("db/" + name + " is not on the class path");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return read(fs.getPath("db", name));
            }
            return read(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the migrations of " + name + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> read(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> VERSIONED.matcher(p.getFileName().toString()).matches())
                    .forEach(files::add);
        }
        files.sort(Comparator.comparing(BoundedContext::version, BoundedContext::compareVersions));
        Map<String, String> scripts = new java.util.LinkedHashMap<>();
        for (Path f : files) {
            try {
                scripts.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return scripts;
    }

    private static String version(Path file) {
        Matcher m = VERSIONED.matcher(file.getFileName().toString());
        m.matches();
        return m.group(1);
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("[._]");
        String[] y = b.split("[._]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }
}
