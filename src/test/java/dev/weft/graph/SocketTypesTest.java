package dev.weft.graph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SocketTypesTest {
    @Test
    void wildcardOnEitherSideMatches() {
        assertTrue(SocketTypes.compatible("*", "MODEL"));
        assertTrue(SocketTypes.compatible("LATENT", "*"));
    }

    @Test
    void equalTypesMatchAndDifferentOnesDoNot() {
        assertTrue(SocketTypes.compatible("MODEL", "MODEL"));
        assertFalse(SocketTypes.compatible("MODEL", "CLIP"));
        assertFalse(SocketTypes.compatible("model", "MODEL"), "case-sensitive like the backend");
    }

    @Test
    void unionsMatchWhenTheyShareAType() {
        assertTrue(SocketTypes.compatible("INT", "FLOAT,INT"));
        assertTrue(SocketTypes.compatible("STRING, INT", "INT ,BOOLEAN"), "members are trimmed");
        assertFalse(SocketTypes.compatible("FLOAT,INT", "STRING,BOOLEAN"));
    }
}
