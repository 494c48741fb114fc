import Testing

@testable import NationalInterface

/// The envelope's JSON reader and writer: strings escaped as RFC 8259 asks, everything else
/// copied as is.
struct JSONCodecTests {
  @Test func stringsAreEscapedExactly() throws {
    let value: JSONValue = ["err_msg": .string("字段\"psn_no\"值\\x\n第2行\t\u{01}末")]
    let rendered = String(decoding: value.rendered(), as: UTF8.self)
    #expect(rendered == #"{"err_msg":"字段\"psn_no\"值\\x\n第2行\t\u0001末"}"#)
    #expect(try JSONValue.parse(value.rendered()) == value)
  }

  @Test func plainStringsAndEmptyOnesAreCopiedWhole() {
    #expect(String(decoding: JSONValue.string("医保结算 2207").rendered(), as: UTF8.self) == #""医保结算 2207""#)
    #expect(String(decoding: JSONValue.string("").rendered(), as: UTF8.self) == #""""#)
    #expect(String(decoding: JSONValue.string("\"").rendered(), as: UTF8.self) == #""\"""#)
  }

  @Test func stringsWithAndWithoutEscapesAreReadExactly() throws {
    let parsed = try JSONValue.parse(Array(#"{"a":"plain 文字","b":"q\"b\\c\u4e2d\ud83d\ude00 end","c":""}"#.utf8))
    #expect(parsed["a"] == .string("plain 文字"))
    #expect(parsed["b"] == .string("q\"b\\c中😀 end"))
    #expect(parsed["c"] == .string(""))
    #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Array(#"{"a":"no end"#.utf8)) }
    #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Array(#"{"a":"bad \q"}"#.utf8)) }
  }

  @Test func dateTimesAreReadInTheirUsualAndOtherForms() throws {
    #expect(try InputNode.parseDateTime("2021-05-10 09:00:00", field: "begntime").text == "2021-05-10 09:00:00")
    #expect(try InputNode.parseDateTime("2021-05-10T09:00:00", field: "begntime").text == "2021-05-10 09:00:00")
    #expect(try InputNode.parseDateTime("2021-05-10 09:00", field: "begntime").text == "2021-05-10 09:00:00")
    #expect(try InputNode.parseDateTime("2021-05-10", field: "begntime").text == "2021-05-10 00:00:00")
    #expect(throws: InterfaceError.self) { try InputNode.parseDateTime("2021-05-10 9:00:00", field: "begntime") }
    #expect(throws: InterfaceError.self) { try InputNode.parseDateTime("2021-02-30 09:00:00", field: "begntime") }
  }

  @Test func fieldsAreTrimmedOfSpacesOnly() {
    #expect("H37040200001".trimmingSpaces == "H37040200001")
    #expect(" 张三 ".trimmingSpaces == "张三")
    #expect("\u{3000}张三\t".trimmingSpaces == "张三")
    #expect("张三".trimmingSpaces == "张三")
  }
}
