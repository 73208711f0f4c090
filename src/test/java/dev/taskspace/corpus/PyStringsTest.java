package dev.taskspace.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PyStringsTest {

    @Test
    void whitespaceIsPythonsNotJavas() {
        // Python's str.isspace() is true for these; Character.isWhitespace is not for NBSP and NEL.
        for (int cp : new int[] {' ', '\t', '\n', 0x0B, 0x0C, '\r', 0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0xA0, 0x2028, 0x3000}) {
            assertThat(PyStrings.isSpace(cp)).as("U+%04X", cp).isTrue();
        }
        for (int cp : new int[] {'a', '-', 0x00, 0x08, 0x200B, 0xFEFF}) {
            assertThat(PyStrings.isSpace(cp)).as("U+%04X", cp).isFalse();
        }
    }

    @Test
    void collapsingJoinsEveryRunOfWhitespaceWithOneSpace() {
        assertThat(PyStrings.collapseWhitespace("  a\t\tb \u00a0\n c\u0085d  ")).isEqualTo("a b c d");
        assertThat(PyStrings.collapseWhitespace(" \n\t ")).isEmpty();
    }

    @Test
    void lengthsAndCutsCountCodePointsLikePython() {
        String emoji = "a\uD83D\uDE00b"; // a😀b: 3 code points, 4 chars
        assertThat(PyStrings.length(emoji)).isEqualTo(3);
        assertThat(PyStrings.head(emoji, 2)).isEqualTo("a\uD83D\uDE00");
        assertThat(PyStrings.head("abc", 5)).isEqualTo("abc");
    }

    @Test
    void stripRemovesPythonWhitespaceThenTheGivenCharacter() {
        assertThat(PyStrings.strip("\u00a0 --x-- \n")).isEqualTo("--x--");
        assertThat(PyStrings.strip(" --x-- ", '-', true)).isEqualTo("x");
        assertThat(PyStrings.strip(" --", '-', false)).isEqualTo(" ");
    }
}
