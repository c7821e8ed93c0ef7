package dev.weft.engine.models;

import com.google.gson.JsonObject;
import dev.weft.engine.text.ClipVocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small CLIP-format vocabulary for tests and benchmarks, since Weft never ships OpenAI's: every
 * prompt tokenizes (mostly into single bytes) and encodes with CLIP's real start and end ids, so
 * the text encoder does the same work as with the real vocabulary.
 */
public final class SyntheticVocabulary {
    private SyntheticVocabulary() {
    }

    /**
     * A byte-level BPE vocabulary in CLIP's format: the 256 byte symbols with and without
     * {@code </w>}, a few merges, and CLIP's start and end tokens at their real ids.
     */
    public static ClipVocabulary create() {
        List<String> symbols = byteSymbols();
        JsonObject vocab = new JsonObject();
        int id = 0;
        for (String s : symbols) {
            vocab.addProperty(s, id++);
        }
        for (String s : symbols) {
            vocab.addProperty(s + "</w>", id++);
        }
        List<String> merges = List.of("t h", "th e</w>", "a n", "an d</w>", "i n", "in g</w>");
        for (String m : merges) {
            vocab.addProperty(m.replace(" ", ""), id++);
        }
        vocab.addProperty("<|startoftext|>", 49406);
        vocab.addProperty("<|endoftext|>", 49407);
        try {
            return ClipVocabulary.parse(vocab.toString(), "#version: 0.2\n" + String.join("\n", merges) + "\n",
                    "synthetic vocab.json", "synthetic merges.txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GPT-2's reversible byte → printable character map, in byte order. */
    private static List<String> byteSymbols() {
        List<String> out = new ArrayList<>();
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = b >= '!' && b <= '~' || b >= 0xA1 && b <= 0xAC || b >= 0xAE && b <= 0xFF;
            out.add(String.valueOf((char) (printable ? b : 256 + extra++)));
        }
        return out;
    }
}
