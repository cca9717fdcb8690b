package dev.czar.evidence.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV with a header row in any column order. Quoted cells ({@code "a,b"}, {@code ""} for a quote) are honoured
 * within a line; a record never spans lines, so a stray quote damages one row, not the rest of the file.
 */
final class CsvRecords implements RecordReader {
    @Override
    public void read(BufferedReader in, RecordSink sink) throws IOException {
        String line;
        int number = 0;
        List<String> header = null;
        char separator = ',';
        while ((line = in.readLine()) != null) {
            number++;
            if (number == 1) {
                line = RecordReader.stripBom(line);
            }
            if (line.isBlank()) {
                continue;
            }
            if (header == null) {
                separator = line.indexOf('\t') >= 0 && line.indexOf(',') < 0 ? '\t' : ',';
                header = new ArrayList<>();
                for (String cell : split(line, separator)) {
                    header.add(RecordReader.key(cell));
                }
                continue;
            }
            List<String> cells = split(line, separator);
            if (cells.size() > header.size()) {
                sink.reject(number, "has " + cells.size() + " cells but the header names " + header.size() + " columns");
                continue;
            }
            Map<String, String> fields = new HashMap<>(header.size() * 2);
            for (int i = 0; i < cells.size(); i++) {
                if (!header.get(i).isEmpty()) {
                    fields.putIfAbsent(header.get(i), cells.get(i));
                }
            }
            sink.record(number, fields);
        }
    }

    static List<String> split(String line, char separator) {
        if (line.indexOf('"') < 0) {
            return splitPlain(line, separator);
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else if (c == separator) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** A line without quotes (nearly all of them): cells are the substrings between separators, no copying per char. */
    private static List<String> splitPlain(String line, char separator) {
        List<String> cells = new ArrayList<>(16);
        int from = 0;
        for (int at = line.indexOf(separator); at >= 0; at = line.indexOf(separator, from)) {
            cells.add(line.substring(from, at));
            from = at + 1;
        }
        cells.add(line.substring(from));
        return cells;
    }
}
