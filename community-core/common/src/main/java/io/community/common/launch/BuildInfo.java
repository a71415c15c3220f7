package io.community.common.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Properties;

/**
 * The {@code --version} option of the five runnables: name, version, build time and commit, from the
 * resources community-runnable's build writes into every runnable jar (META-INF/community/).
 */
public final class BuildInfo {
    private BuildInfo() {}

    /** Prints the version and returns true if {@code --version} is among the arguments. */
    public static boolean printIfAsked(String[] args, Class<?> mainClass, PrintStream out) {
        if (Arrays.asList(args).contains("--version")) {
            print(mainClass, out);
            return true;
        }
        return false;
    }

    public static void print(Class<?> mainClass, PrintStream out) {
        Properties build = load(mainClass, "META-INF/community/build.properties");
        Properties git = load(mainClass, "META-INF/community/git.properties");
        out.printf(
                "%s %s%n",
                build.getProperty("name", mainClass.getSimpleName()), build.getProperty("version", "unknown"));
        out.printf(
                "built %s with Java %s%n", build.getProperty("built", "unknown"), build.getProperty("java", "unknown"));
        out.printf(
                "commit %s%s%n",
                git.getProperty("git.commit.id.abbrev", "unknown"),
                "true".equals(git.getProperty("git.dirty")) ? " (dirty)" : "");
    }

    private static Properties load(Class<?> mainClass, String resource) {
        Properties properties = new Properties();
        try (InputStream in = mainClass.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // version output is best effort; the defaults say "unknown"
        }
        return properties;
    }
}
