package io.goalpost.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The input rules on their own (the API tests throw the same inputs at every endpoint). */
class InputsTest {

    @Test
    void datesAreStrictAndWithinTheRange() throws Exception {
        assertThat(Inputs.date("2000-01-01")).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(Inputs.date("2100-12-31")).isEqualTo(LocalDate.of(2100, 12, 31));
        assertThat(Inputs.date(" 2026-02-14 ")).isEqualTo(LocalDate.of(2026, 2, 14));
        for (String bad : new String[] {"+999999999-12-31", "-0001-01-01", "2026-13-01", "2026-02-30", "2026-1-5",
                "20260105", "2026-01-05T00:00", "٢٠٢٦-٠١-٠٥", "2026-01-05\u0000", ""}) {
            assertThatThrownBy(() -> Inputs.date(bad)).as(bad).isInstanceOf(Inputs.Invalid.class)
                    .hasMessageStartingWith("must be a date YYYY-MM-DD");
        }
        assertThatThrownBy(() -> Inputs.date("1999-12-31")).hasMessage("must be between 2000-01-01 and 2100-12-31, got 1999-12-31");
        assertThatThrownBy(() -> Inputs.date("2101-01-01")).hasMessageContaining("between 2000-01-01 and 2100-12-31");
    }

    @Test
    void decimalTextIsPlainAndInRange() throws Exception {
        assertThat(Inputs.decimal("1200", false)).isEqualTo(1200.0);
        assertThat(Inputs.decimal(" 4.5 ", false)).isEqualTo(4.5);
        assertThat(Inputs.decimal("0", false)).isEqualTo(0.0);
        assertThat(Inputs.decimal("1000000000000000", false)).isEqualTo(1e15);
        assertThat(Inputs.decimal("-2.5", true)).isEqualTo(-2.5);
        for (String bad : new String[] {"12f", "12d", "0x1p3", "1e3", "1E3", "+5", "NaN", "Infinity", "-Infinity", "1,000",
                "1.", ".5", "1_000", "١٢", "", "--1"}) {
            assertThatThrownBy(() -> Inputs.decimal(bad, true)).as(bad).hasMessageStartingWith("must be a plain decimal number");
        }
        assertThatThrownBy(() -> Inputs.decimal("-3", false)).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Inputs.decimal("1000000000000001", false)).hasMessageContaining("at most 10^15");
        assertThatThrownBy(() -> Inputs.decimal("1" + "0".repeat(308), false)).hasMessageContaining("at most 10^15");
        assertThatThrownBy(() -> Inputs.decimal("-10000000000000000", true)).hasMessageContaining("in magnitude");
    }

    @Test
    void jsonNumbersAreFiniteAndInRange() throws Exception {
        assertThat(Inputs.number(1e15, false)).isEqualTo(1e15);
        assertThat(Inputs.number(-1e15, true)).isEqualTo(-1e15);
        assertThat(Inputs.number(-0.0, false)).hasToString("0.0");
        assertThat(Inputs.number(5, false)).isEqualTo(5.0);
        assertThatThrownBy(() -> Inputs.number(1e308, true)).hasMessageContaining("at most 10^15");
        assertThatThrownBy(() -> Inputs.number(1e16, true)).hasMessageContaining("at most 10^15");
        assertThatThrownBy(() -> Inputs.number(Double.POSITIVE_INFINITY, true)).hasMessageContaining("finite");
        assertThatThrownBy(() -> Inputs.number(Double.NaN, true)).hasMessageContaining("finite");
        assertThatThrownBy(() -> Inputs.number(new BigInteger("9".repeat(400)), true)).hasMessageContaining("finite");
        assertThatThrownBy(() -> Inputs.number(-1, false)).hasMessageContaining("must not be negative");
    }

    @Test
    void textHasNoControlCharacters() throws Exception {
        assertThat(Inputs.line("Acme Café 👍", 200)).isEqualTo("Acme Café 👍");
        assertThat(Inputs.text("Because\r\nit\tmatters", 2000)).isEqualTo("Because\r\nit\tmatters");
        for (String bad : new String[] {"a\u0000b", "a\nb", "a\rb", "a\tb", "a\u001bb", "a\u007fb", "a\u0085b", "a\u009fb"}) {
            assertThatThrownBy(() -> Inputs.line(bad, 200)).as(bad).hasMessageStartingWith("must be a single line without control characters");
        }
        for (String bad : new String[] {"a\u0000b", "a\u000bb", "a\u007fb", "a\u0085b"}) {
            assertThatThrownBy(() -> Inputs.text(bad, 2000)).as(bad).hasMessageContaining("control characters other than line breaks");
        }
        assertThatThrownBy(() -> Inputs.line("ab\u0000", 200)).hasMessage(
                "must be a single line without control characters (found U+0000 at character 3)");
        assertThatThrownBy(() -> Inputs.line("a\ud800b", 200)).hasMessageContaining("lone surrogate U+D800");
        assertThatThrownBy(() -> Inputs.line("x".repeat(201), 200)).hasMessage("must be at most 200 characters (got 201)");
        // Stored stripped: surrounding spaces go, a control character at either end is still refused.
        assertThat(Inputs.strippedLine("  Acme  ", 4)).isEqualTo("Acme");
        assertThat(Inputs.strippedText(" Why\nnot \n", 2000)).isEqualTo("Why\nnot");
        assertThatThrownBy(() -> Inputs.strippedLine("Acme\n", 200)).hasMessageContaining("U+000A at character 5");
        assertThatThrownBy(() -> Inputs.strippedText("\u0000Why", 2000)).hasMessageContaining("U+0000 at character 1");
    }

    @Test
    void valuesShownInMessagesAreShortAndPrintable() {
        assertThat(Inputs.shown("a\u0000b")).isEqualTo("aU+0000b");
        assertThat(Inputs.shown("9".repeat(50))).isEqualTo("9".repeat(40) + "…");
        assertThat(Inputs.shown("👍")).isEqualTo("👍");
    }
}
