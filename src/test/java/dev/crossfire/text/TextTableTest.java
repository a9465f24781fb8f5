package dev.crossfire.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TextTableTest {

    private static final String CSV = """
            id,text,uncivil
            11,"a text
            on two lines",yes
            12,plain text,NO
            13,no label here,
            14,"quoted, with a comma", Yes
            """;

    @Test
    void readsQuotedMultiLineFieldsAndLabels() throws IOException {
        TextTable.Contents c = TextTable.read(new StringReader(CSV), "text", "uncivil", "yes");
        assertThat(c.rows()).extracting(TextTable.Row::id).containsExactly("11", "12", "14");
        assertThat(c.rows().get(0).text()).isEqualTo("a text\non two lines");
        assertThat(c.rows()).extracting(TextTable.Row::positive).containsExactly(true, false, true);
    }

    @Test
    void aRowWithoutItsLabelIsRejectedWithItsLineNumber() throws IOException {
        TextTable.Contents c = TextTable.read(new StringReader(CSV), "text", "uncivil", "yes");
        assertThat(c.rejected()).containsExactly(new TextTable.Rejected(5, "no uncivil label"));
    }

    @Test
    void textsAloneNeedNoLabel() throws IOException {
        TextTable.Contents c = TextTable.read(new StringReader(CSV), "text", null, null);
        assertThat(c.rows()).hasSize(4).allSatisfy(r -> assertThat(r.positive()).isNull());
        assertThat(c.rejected()).isEmpty();
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsThereAre() {
        assertThatThrownBy(() -> TextTable.read(new StringReader(CSV), "body", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no column 'body' in the header; columns: id, text, uncivil");
    }
}
