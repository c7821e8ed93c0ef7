package dev.weft.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

public final class Main {
    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        long t = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.pytorch.jni.JniUtils.setSeed(42L);
            var a = m.randomNormal(new Shape(1, 4, 2, 2));
            System.out.println(a);
            System.out.println("startup ms " + (System.nanoTime() - t) / 1e6);
        }
    }
}
