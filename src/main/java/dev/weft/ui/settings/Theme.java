package dev.weft.ui.settings;

/** The editor's colour themes; each is a style sheet of colour tokens under {@code themes/}. */
public enum Theme {
    DARK("dark"),
    LIGHT("light");

    private final String key;

    Theme(String key) {
        this.key = key;
    }

    /** The name in settings and the style sheet's base name ({@code themes/dark.css}). */
    public String key() {
        return key;
    }

    /** Class path resource of the theme's style sheet. */
    public String resource() {
        return "/themes/" + key + ".css";
    }

    /** The theme named {@code key}, or dark for an unknown name. */
    public static Theme byKey(String key) {
        for (Theme t : values()) {
            if (t.key.equals(key)) {
                return t;
            }
        }
        return DARK;
    }

    public Theme other() {
        return this == DARK ? LIGHT : DARK;
    }
}
