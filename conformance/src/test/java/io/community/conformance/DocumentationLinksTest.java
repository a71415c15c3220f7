package io.community.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation works in a fresh clone: every relative link of every Markdown file of the
 * repository points at a file (or folder) the repository has and, for a Markdown target, at a
 * heading that exists; no link leaves the repository; no file names the sibling folder of
 * documents the project grew up next to. A plain file check, no deployment: it runs with the unit
 * tests (surefire), in seconds.
 *
 * <p>The files are git's: tracked ones plus new ones not ignored, so a page that would be missing
 * from a clone fails here too. Without git (a source archive) every file outside {@code target/}
 * and the other ignored build folders counts.
 */
class DocumentationLinksTest {
    // [text](target "title") and ![alt](target); the target without <> and title
    private static final Pattern INLINE =
            Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^()\\s<>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    // [label]: target
    private static final Pattern DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");
    // built, so this file does not name it itself
    private static final String OUTSIDE_FOLDER = "../" + "shared";
    private static final Set<String> UNTRACKED_DIRS = Set.of("target", ".git", "node_modules", "data", ".idea");

    private static Path root;
    private static Set<Path> files;
    private static final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

    @BeforeAll
    static void repository() throws IOException {
        root = findRoot();
        files = repositoryFiles(root);
    }

    @Test
    void everyRelativeLinkResolvesInsideTheRepository() {
        List<Path> pages = markdownPages();
        assertThat(pages)
                .as("Markdown files found under %s", root)
                .contains(root.resolve("README.md"), root.resolve("docs/api.md"));

        List<String> problems = new ArrayList<>();
        for (Path page : pages) {
            List<String> lines = read(page);
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (FENCE.matcher(line).find()) {
                    inFence = !inFence;
                    continue;
                }
                if (inFence) {
                    continue;
                }
                for (String target : targets(line)) {
                    String problem = check(page, target);
                    if (problem != null) {
                        problems.add(root.relativize(page) + ":" + (i + 1) + ": (" + target + ") " + problem);
                    }
                }
            }
        }
        assertThat(problems)
                .as("broken links in the repository's Markdown files")
                .isEmpty();
    }

    @Test
    void noFileNamesTheFolderOutsideTheRepository() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : files) {
            if (Files.size(file) > 2_000_000) {
                continue;
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            if (text.contains(OUTSIDE_FOLDER)) {
                offenders.add(root.relativize(file).toString());
            }
        }
        assertThat(offenders)
                .as("files naming %s, which a clone does not have", OUTSIDE_FOLDER)
                .isEmpty();
    }

    /** The link targets of one line outside code spans. */
    static List<String> targets(String line) {
        String text =
                CODE_SPAN.matcher(line).replaceAll(m -> " ".repeat(m.group().length()));
        List<String> targets = new ArrayList<>();
        Matcher inline = INLINE.matcher(text);
        while (inline.find()) {
            targets.add(inline.group(1));
        }
        Matcher definition = DEFINITION.matcher(text);
        if (definition.matches()) {
            targets.add(definition.group(1));
        }
        return targets;
    }

    /** Null when the link is fine, else what is wrong with it. */
    private String check(Path page, String target) {
        if (target.contains(OUTSIDE_FOLDER)) {
            return "points at a folder outside the repository";
        }
        if (target.isEmpty() || SCHEME.matcher(target).find() || target.startsWith("//")) {
            return null; // web links, mailto: and the like are not ours to check
        }
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        int query = pathPart.indexOf('?');
        if (query >= 0) {
            pathPart = pathPart.substring(0, query);
        }
        Path resolved;
        if (pathPart.isEmpty()) {
            resolved = page;
        } else {
            String decoded = URLDecoder.decode(pathPart.replace("+", "%2B"), StandardCharsets.UTF_8);
            resolved = (decoded.startsWith("/")
                            ? root.resolve(decoded.substring(1))
                            : page.getParent().resolve(decoded))
                    .normalize();
        }
        if (!resolved.startsWith(root)) {
            return "leaves the repository";
        }
        boolean isFile = files.contains(resolved);
        boolean isDirectory = !isFile && files.stream().anyMatch(f -> f.startsWith(resolved) && !f.equals(resolved));
        if (!isFile && !isDirectory) {
            return "no such file in the repository";
        }
        if (anchor != null && !anchor.isEmpty() && isFile && resolved.toString().endsWith(".md")) {
            Set<String> anchors = anchorsByFile.computeIfAbsent(resolved, DocumentationLinksTest::anchors);
            if (!anchors.contains(anchor.toLowerCase(Locale.ROOT))) {
                return "no heading '#" + anchor + "' in " + root.relativize(resolved);
            }
        }
        return null;
    }

    /** The anchors a Markdown renderer gives the headings of a page (GitHub's rules), plus explicit HTML anchors. */
    static Set<String> anchors(Path page) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : read(page)) {
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1).toLowerCase(Locale.ROOT));
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /** GitHub's heading ids: the rendered text, lower case, without punctuation, spaces as hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1"); // a link shows its text
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
                .replace(' ', '-');
    }

    private static List<Path> markdownPages() {
        return files.stream()
                .filter(f -> f.getFileName().toString().endsWith(".md"))
                .sorted()
                .toList();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder with the Maven wrapper and the root pom, from wherever the test runs (surefire: the module). */
    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("conformance"))) {
                return dir.normalize();
            }
        }
        throw new IllegalStateException("no repository root (mvnw next to conformance/) above "
                + Path.of("").toAbsolutePath());
    }

    private static Set<Path> repositoryFiles(Path root) throws IOException {
        Set<Path> fromGit = gitFiles(root);
        if (fromGit != null) {
            return fromGit;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            Set<Path> all = new TreeSet<>();
            walk.filter(Files::isRegularFile)
                    .filter(p -> root.relativize(p).getNameCount() > 0)
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            if (UNTRACKED_DIRS.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .forEach(p -> all.add(p.normalize()));
            return all;
        }
    }

    /** Tracked files and new files git does not ignore; null without git or outside a work tree. */
    private static Set<Path> gitFiles(Path root) {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out = git.getInputStream().readAllBytes();
            if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
                return null;
            }
            Set<Path> result = new TreeSet<>();
            for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                Path file = root.resolve(name).normalize();
                if (!name.isEmpty() && Files.isRegularFile(file)) {
                    result.add(file);
                }
            }
            return result.isEmpty() ? null : result;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
