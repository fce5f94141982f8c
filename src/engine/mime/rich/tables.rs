//! Data tables keep their columns: html2text lays a table's cells out in aligned columns, which
//! only stay aligned in a fixed-width font, with a rule between them. Which tables are data is a
//! guess made on the sanitised HTML (ammonia writes tags in lower case, attributes quoted): a
//! table with no table inside it, at least two rows and two columns and little text. Layout
//! tables (a newsletter's nested frames) stay proportional text. Each cell of a data table gets
//! [`CELL_MARK`] at its start; lines that carry it become fixed-width lines with rules.

use super::CELL_MARK;

/// A data table's text, at most: more is a page laid out with a table, not a table of values.
const MAX_DATA_TABLE_TEXT: usize = 4000;
/// Tables looked at per letter.
const MAX_TABLES: usize = 1000;

#[derive(Debug)]
struct Table {
    has_inner_table: bool,
    rows: usize,
    cells_in_row: usize,
    max_cells: usize,
    tag_bytes: usize,
    start: usize,
    cells: Vec<usize>,
}

/// `html` with [`CELL_MARK`] at the start of every cell of its data tables.
pub fn mark_data_tables(html: &str) -> std::borrow::Cow<'_, str> {
    if !html.contains("<table") {
        return html.into();
    }
    let mut stack: Vec<Table> = Vec::new();
    let mut marks: Vec<usize> = Vec::new();
    let mut seen = 0;
    for (at, _) in html.match_indices('<') {
        let rest = &html[at + 1..];
        let tag_end = rest.find('>').map_or(html.len(), |end| at + 1 + end + 1);
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '/').collect();
        if let Some(table) = stack.last_mut() {
            table.tag_bytes += tag_end - at;
        }
        match name.as_str() {
            "table" => {
                seen += 1;
                if seen > MAX_TABLES {
                    break;
                }
                if let Some(outer) = stack.last_mut() {
                    outer.has_inner_table = true;
                }
                stack.push(Table {
                    has_inner_table: false,
                    rows: 0,
                    cells_in_row: 0,
                    max_cells: 0,
                    tag_bytes: 0,
                    start: tag_end,
                    cells: Vec::new(),
                });
            }
            "tr" => {
                if let Some(table) = stack.last_mut() {
                    table.rows += 1;
                    table.cells_in_row = 0;
                }
            }
            "td" | "th" => {
                if let Some(table) = stack.last_mut() {
                    table.cells_in_row += 1;
                    table.max_cells = table.max_cells.max(table.cells_in_row);
                    table.cells.push(tag_end);
                }
            }
            "/table" => {
                let Some(table) = stack.pop() else { continue };
                let text = at.saturating_sub(table.start).saturating_sub(table.tag_bytes);
                if !table.has_inner_table && table.rows >= 2 && table.max_cells >= 2 && text <= MAX_DATA_TABLE_TEXT {
                    marks.extend(table.cells);
                }
                if let Some(outer) = stack.last_mut() {
                    outer.tag_bytes += table.tag_bytes;
                }
            }
            _ => {}
        }
    }
    if marks.is_empty() {
        return html.into();
    }
    marks.sort_unstable();
    let mut out = String::with_capacity(html.len() + marks.len() * CELL_MARK.len_utf8());
    let mut from = 0;
    for at in marks.into_iter().filter(|at| *at <= html.len() && html.is_char_boundary(*at)) {
        out.push_str(&html[from..at]);
        out.push(CELL_MARK);
        from = at;
    }
    out.push_str(&html[from..]);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_small_leaf_tables_of_two_by_two_or_more_are_data() {
        let data = "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>";
        assert_eq!(mark_data_tables(data).matches(CELL_MARK).count(), 4);
        let one_row = "<table><tr><td>a</td><td>b</td></tr></table>";
        assert_eq!(mark_data_tables(one_row).matches(CELL_MARK).count(), 0);
        let layout = format!("<table><tr><td>{data}</td><td>x</td></tr><tr><td>y</td><td>z</td></tr></table>");
        assert_eq!(mark_data_tables(&layout).matches(CELL_MARK).count(), 4, "only the inner table");
        let long =
            format!("<table><tr><td>{}</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>", "x".repeat(5000));
        assert_eq!(mark_data_tables(&long).matches(CELL_MARK).count(), 0);
        for garbage in ["<table", "</table><table><td>", "<<td>", "<table><tr><td>é"] {
            let _ = mark_data_tables(garbage);
        }
    }
}
