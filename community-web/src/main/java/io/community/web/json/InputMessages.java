package io.community.web.json;

/**
 * The one table of what a rejected input is told, for the monolith and the gateway alike (both
 * serve this module). A 400 names the field by its JSON name and says what is expected; no text
 * here or built from it may quote a Java type, a package or the JSON library.
 */
public final class InputMessages {
    private InputMessages() {}

    /** The field name of a problem with the body as a whole (not one of its fields). */
    public static final String BODY = "body";

    public static final String INTEGER = "must be an integer";
    public static final String NUMBER = "must be a number";
    public static final String STRING = "must be a string";
    public static final String BOOLEAN = "must be true or false";
    public static final String OBJECT = "must be a JSON object";
    public static final String ARRAY = "must be a JSON array";
    public static final String VALUE = "has the wrong type";
    public static final String MALFORMED = "is not valid JSON";
    public static final String TOO_LARGE = "is nested too deeply or holds a number or string too long to read";
    public static final String TRAILING = "must be one JSON value with nothing after it";
    public static final String BODY_REQUIRED = "is required: send a JSON object";
    public static final String REQUIRED = "is required";

    /** What a path or query value of this type must look like. */
    public static String expected(Class<?> type) {
        if (type == int.class
                || type == Integer.class
                || type == long.class
                || type == Long.class
                || type == short.class
                || type == Short.class
                || type == byte.class
                || type == Byte.class) {
            return INTEGER;
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return NUMBER;
        }
        if (type == boolean.class || type == Boolean.class) {
            return BOOLEAN;
        }
        return VALUE;
    }
}
