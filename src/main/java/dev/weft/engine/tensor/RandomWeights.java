package dev.weft.engine.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Map;

/**
 * Seeded random parameters for a key/shape map (the UNet's, ControlNet's or VAE's parameter
 * shapes, a CLIP's, ...), scaled so a forward stays finite and of order one: matrices and kernels
 * ~ N(0, 1/fan_in), 1-D weights (norm gains) 1, biases 0. For benchmarks and tests; not a
 * training initialisation. Engine thread only.
 */
public final class RandomWeights {
    private RandomWeights() {
    }

    /**
     * Fills every shape, in map order, from torch's CPU generator seeded with {@code seed}.
     *
     * @return a map owning the arrays under a sub-manager of {@code parent}
     */
    public static WeightMap create(Map<String, long[]> shapes, long seed, NDManager parent) {
        WeightMap map = WeightMap.create(parent);
        try {
            JniUtils.setSeed(seed);
            NDManager m = map.manager();
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                Shape s = new Shape(e.getValue());
                NDArray a;
                if (s.dimension() == 1) {
                    a = e.getKey().endsWith(".weight") ? m.ones(s, DataType.FLOAT32) : m.zeros(s, DataType.FLOAT32);
                } else {
                    long fanIn = s.size() / s.get(0);
                    a = m.randomNormal(s).muli((float) (1.0 / Math.sqrt(fanIn)));
                }
                map.put(e.getKey(), a);
            }
            return map;
        } catch (RuntimeException e) {
            map.close();
            throw e;
        }
    }
}
