package dev.weft.engine.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text clean-up CLIP's tokenizer does before BPE when ftfy is not installed (the reference
 * tokenizer ComfyUI's numbers were made with): drop NUL, U+FFFD and control/format/unassigned
 * characters; turn whitespace into spaces; put spaces around CJK ideographs; NFC; split on
 * whitespace; lower-case each word. Accents are kept and punctuation is not split off (the CLIP
 * regex does that later). Python's notions of whitespace and lower case are reproduced.
 */
final class TextCleaner {
    private TextCleaner() {
    }

    /** The cleaned, lower-cased words of {@code text}, joined by single spaces. */
    static String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
            }
            if (isCleanWhitespace(cp)) {
                sb.append(' ');
            } else if (isCjkIdeograph(cp)) {
                sb.append(' ').appendCodePoint(cp).append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        String nfc = Normalizer.normalize(sb, Normalizer.Form.NFC);
        List<String> words = new ArrayList<>();
        for (String w : splitWhitespace(nfc)) {
            words.add(w.toLowerCase(Locale.ROOT));
        }
        // Lower-casing cannot create whitespace, but the reference splits once more; so do we.
        return String.join(" ", splitWhitespace(String.join(" ", words)));
    }

    /** Python's {@code str.split()}: runs of whitespace separate, no empty words. */
    static List<String> splitWhitespace(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isPythonSpace(cp)) {
                if (start >= 0) {
                    out.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(s.substring(start));
        }
        return out;
    }

    /** Python's {@code str.isspace()} for one code point. */
    static boolean isPythonSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0
                || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029
                || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** Python's {@code str.strip()}. */
    static String stripPython(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isPythonSpace(s.codePointAt(b))) {
            b += Character.charCount(s.codePointAt(b));
        }
        while (e > b && isPythonSpace(s.codePointBefore(e))) {
            e -= Character.charCount(s.codePointBefore(e));
        }
        return s.substring(b, e);
    }

    private static boolean isCleanWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    /** Unicode categories Cc, Cf, Cs, Co, Cn, except tab, newline and carriage return. */
    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.SURROGATE
                || t == Character.PRIVATE_USE || t == Character.UNASSIGNED;
    }

    /** The CJK ideograph blocks that get spaces around them (not kana or hangul). */
    private static boolean isCjkIdeograph(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B820 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
