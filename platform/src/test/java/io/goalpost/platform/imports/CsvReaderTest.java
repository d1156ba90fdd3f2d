package io.goalpost.platform.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** CSV reading and row validation without a database. */
class CsvReaderTest {

    @Test
    void quotesHeadersAndLineNumbers() {
        CsvReader.Parsed p = CsvReader.read("\n\"day\",\"metric\",\"value\"\n\n2026-01-01,\"lea\"\"ds\",1\n2026-01-02,\"open\n");
        assertThat(p.lines()).isEqualTo(5);
        assertThat(p.rows()).hasSize(2);
        assertThat(p.rows().get(0).line()).isEqualTo(4);
        assertThat(p.rows().get(0).metric()).isEqualTo("lea\"ds");
        assertThat(p.rows().get(1).problem()).isEqualTo("unbalanced double quotes");
    }

    @Test
    void validatorChecksEachField() {
        PointValidator v = new PointValidator("manual", LocalDate.of(2026, 2, 14));
        assertThat(v.check("2026-02-14", "leads", "3", "line 1")).isInstanceOf(PointValidator.Ok.class);
        assertThat(((PointValidator.Bad) v.check("2026-02-15", "leads", "3", "line 2")).reason()).contains("future");
        assertThat(((PointValidator.Bad) v.check("2026-02-14", "leads", "3", "line 3")).reason()).contains("duplicate of line 1");
        assertThat(((PointValidator.Bad) v.check("2026-02-13", "Leads", "3", "line 4")).reason()).contains("unknown metric");
        assertThat(v.check("2026-02-13", "manual.response_time", "3.5", "line 5")).isInstanceOf(PointValidator.Ok.class);
        assertThat(((PointValidator.Bad) v.check("2026-02-13", "leads", "NaN", "line 6")).reason())
                .startsWith("value must be a plain decimal number");
        assertThat(((PointValidator.Bad) v.check("2026-02-13", "leads", Double.NaN, "line 6")).reason()).contains("finite");
        assertThat(((PointValidator.Bad) v.check("", "leads", "1", "line 7")).reason()).isEqualTo("day is missing");
        assertThat(((PointValidator.Bad) v.check("2026-02-12", "leads", " ", "line 8")).reason()).isEqualTo("value is missing");
    }
}
