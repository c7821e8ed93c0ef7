package dev.weft;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which classes each compiled class refers to, read from the constant pool of its class file (class
 * entries and the type descriptors of fields, methods and signatures), so fully qualified uses and
 * generic type arguments count as well as imports. No bytecode library needed.
 */
final class ClassFileDependencies {
    /** A class entry's name: {@code dev/weft/graph/Node}. */
    private static final Pattern INTERNAL_NAME = Pattern.compile("(?:[\\w$]+/)+[\\w$]+");
    /** Class names in descriptors and signatures: {@code (Ldev/weft/graph/Node;)V}, {@code Ljava/util/List<...>;}. */
    private static final Pattern IN_DESCRIPTOR = Pattern.compile("L((?:[\\w$]+/)+[\\w$]+)[;<]");

    private ClassFileDependencies() {
    }

    /**
     * @param classesRoot a class output folder such as {@code target/classes}
     * @return binary class name (dots) to the binary names of the classes it refers to, itself excluded
     */
    static Map<String, Set<String>> scan(Path classesRoot) {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classesRoot)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = classesRoot.relativize(file).toString().replace('\\', '/');
                name = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                try (InputStream in = Files.newInputStream(file)) {
                    Set<String> refs = references(in);
                    refs.remove(name);
                    deps.put(name, refs);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deps;
    }

    /** The class names the constant pool of one class file mentions, string literals excluded. */
    static Set<String> references(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        Set<Integer> literals = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // longs and doubles take two entries
                }
                case 7, 16, 19, 20 -> in.skipBytes(2);
                case 8 -> literals.add(in.readUnsignedShort());
                case 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 15 -> in.skipBytes(3);
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> refs = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            if (utf8[i] == null || literals.contains(i)) {
                continue;
            }
            if (INTERNAL_NAME.matcher(utf8[i]).matches()) {
                refs.add(utf8[i].replace('/', '.'));
                continue;
            }
            Matcher m = IN_DESCRIPTOR.matcher(utf8[i]);
            while (m.find()) {
                refs.add(m.group(1).replace('/', '.'));
            }
        }
        return refs;
    }
}
