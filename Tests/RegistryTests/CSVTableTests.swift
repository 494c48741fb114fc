import Registry
import Testing

@Suite("CSVTable")
struct CSVTableTests {
  @Test("maps columns by name in any order and numbers the lines")
  func columnsInAnyOrder() throws {
    let table = try CSVTable("b,c,a\n2,3,1\n5,6,4\n", columns: ["a", "b", "c"])
    #expect(table.header == ["b", "c", "a"])
    #expect(table.rows.map { $0["a"] } == ["1", "4"])
    #expect(table.rows.map { $0["c"] } == ["3", "6"])
    #expect(table.rows.map(\.line) == [2, 3])
  }

  @Test("reads quoted fields with commas, doubled quotes and line breaks")
  func quotedFields() throws {
    let text = "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"\"\nlast,row\n"
    let table = try CSVTable(text, columns: ["a", "b"])
    #expect(table.rows.map { $0["a"] } == ["x, y", "two\nlines", "last"])
    #expect(table.rows.map { $0["b"] } == ["say \"hi\"", "", "row"])
    // The multi-line record starts on line 3; the next one is on physical line 5.
    #expect(table.rows.map(\.line) == [2, 3, 5])
  }

  @Test("accepts CRLF, a byte-order mark, no final line break and blank lines")
  func lineEndsAndBOM() throws {
    let text = "\u{FEFF}a,b\r\n1,2\r\n\r\n3,\"4\r\n5\"\r\n6,7"
    let table = try CSVTable(text, columns: ["a", "b"])
    #expect(table.header == ["a", "b"])
    #expect(table.rows.map { $0["a"] } == ["1", "3", "6"])
    #expect(table.rows.map { $0["b"] } == ["2", "4\r\n5", "7"])
    #expect(table.rows.map(\.line) == [2, 4, 6])
    #expect(try CSVTable("a,b\n1,2\n\n\n", columns: ["a", "b"]).rows.count == 1)
  }

  @Test("trims surrounding spaces of names and fields")
  func trimming() throws {
    let table = try CSVTable(" a , b\n  1 ,\t2 \n \" 3 \" ,4\n", columns: ["a", "b"])
    #expect(table.rows.map { $0["a"] } == ["1", "3"])
    #expect(table.rows.map { $0["b"] } == ["2", "4"])
  }

  @Test("a header-only file has no rows")
  func headerOnly() throws {
    #expect(try CSVTable("a,b\n", columns: ["a", "b"]).rows.isEmpty)
  }

  @Test("an empty file is an error")
  func emptyFile() {
    let errors = importErrors { () throws(ImportErrors) in try CSVTable("\u{FEFF}", columns: ["a"]) }
    #expect(errors == [ImportError(line: 1, message: "文件为空，缺少表头")])
  }

  @Test("reports every unknown, duplicate and missing column")
  func headerProblems() {
    let errors = importErrors { () throws(ImportErrors) in try CSVTable("a,x,a,\n1,2,3,4\n", columns: ["a", "b"]) }
    #expect(
      errors == [
        ImportError(line: 1, column: "x", message: "不是本文件的列（应为：a、b）"),
        ImportError(line: 1, column: "a", message: "列名重复"),
        ImportError(line: 1, message: "表头第4列没有列名"),
        ImportError(line: 1, column: "b", message: "缺少此列"),
      ])
  }

  @Test("reports every row with the wrong number of fields")
  func fieldCounts() {
    let errors = importErrors { () throws(ImportErrors) in
      try CSVTable("a,b\n1,2\n1\n1,2\n1,2,3\n\"x\ny\",2,3\n", columns: ["a", "b"])
    }
    #expect(
      errors == [
        ImportError(line: 3, message: "应有2个字段，实际有1个"),
        ImportError(line: 5, message: "应有2个字段，实际有3个"),
        ImportError(line: 6, message: "应有2个字段，实际有3个"),
      ])
  }

  @Test("reports misplaced and unclosed quotes")
  func badQuotes() {
    let errors = importErrors { () throws(ImportErrors) in
      try CSVTable("a,b\nx\"y,2\n\"x\"y,2\n1,2\n3,\"open\n4,5\n", columns: ["a", "b"])
    }
    #expect(
      errors == [
        ImportError(line: 2, message: "第1个字段中有未成对的引号（字段内的引号须写成两个\"\"并用引号括住整个字段）"),
        ImportError(line: 3, message: "第1个字段的右引号后还有字符"),
        ImportError(line: 5, message: "第2个字段的引号直到文件末尾都没有闭合"),
      ])
  }
}

@Suite("ImportError")
struct ImportErrorTests {
  @Test("describes the line, the column and the value")
  func description() {
    #expect(
      ImportError(line: 12, column: "hosp_lv", value: "5", message: "医院等级必须是0-3").description
        == "第12行 hosp_lv=“5”：医院等级必须是0-3")
    #expect(ImportError(line: 3, column: "psn_name", message: "不能为空").description == "第3行 psn_name：不能为空")
    #expect(ImportError(line: 7, message: "应有6个字段，实际有5个").description == "第7行：应有6个字段，实际有5个")
  }

  @Test("keeps the first 50 problems and counts the rest")
  func limit() {
    let errors = ImportErrors((1...120).map { ImportError(line: $0 + 1, message: "坏") })
    #expect(errors.errors.count == ImportErrors.limit)
    #expect(errors.totalCount == 120)
    #expect(errors.isTruncated)
    #expect(errors.description.split(separator: "\n").last == "……共120处错误，仅列出前50处")
    #expect(errors.description.hasPrefix("第2行：坏\n第3行：坏\n"))
  }
}
