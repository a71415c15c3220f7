package io.community.single;

import io.micronaut.runtime.Micronaut;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Properties;

/** The monolith: every context in one process, served by community-web. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            if ("--version".equals(arg)) {
                printVersion(System.out);
                return;
            }
        }
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }

    static void printVersion(PrintStream out) {
        Properties build = load("META-INF/community/build.properties");
        Properties git = load("META-INF/community/git.properties");
        out.printf("%s %s%n", build.getProperty("name", "community-single"), build.getProperty("version", "unknown"));
        out.printf("built %s with Java %s%n", build.getProperty("built", "unknown"), build.getProperty("java", "unknown"));
        out.printf("commit %s%s%n", git.getProperty("git.commit.id.abbrev", "unknown"),
                "true".equals(git.getProperty("git.dirty")) ? " (dirty)" : "");
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = Application.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // version output is best effort; the defaults say "unknown"
        }
        return properties;
    }
}
