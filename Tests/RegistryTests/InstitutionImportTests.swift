import Registry
import Testing

@Suite("ReferenceImport.institutions")
struct InstitutionImportTests {
  static let hospital = [
    "fixmedins_code": "H37040600001", "fixmedins_name": "山亭区人民医院", "fixmedins_type": "H", "hosp_lv": "2",
    "admdvs": "370406", "dialysis_partner": "1",
  ]
  static let pharmacy = [
    "fixmedins_code": "P37040200001", "fixmedins_name": "漱玉平民大药房市中区君山路店", "fixmedins_type": "P",
    "hosp_lv": "0", "admdvs": "370402", "dialysis_partner": "0",
  ]
  /// The columns in an order other than the documented one.
  static let shuffled = ["hosp_lv", "fixmedins_name", "dialysis_partner", "fixmedins_code", "admdvs", "fixmedins_type"]

  @Test("reads a good file with shuffled columns")
  func goodFile() throws {
    let institutions = try ReferenceImport.institutions(makeCSV(Self.shuffled, [Self.hospital, Self.pharmacy]))
    #expect(
      institutions == [
        Institution(
          code: "H37040600001", name: "山亭区人民医院", kind: .hospital, level: 2, admdvs: "370406",
          isDialysisPartner: true),
        Institution(
          code: "P37040200001", name: "漱玉平民大药房市中区君山路店", kind: .pharmacy, level: 0, admdvs: "370402",
          isDialysisPartner: false),
      ])
  }

  static let badValues = [
    BadValue("fixmedins_code", "", "不能为空"),
    BadValue("fixmedins_code", "H3704060001", "机构编码应为H或P加6位行政区划加5位数字"),
    BadValue("fixmedins_code", "X37040600001", "机构编码应为H或P加6位行政区划加5位数字"),
    BadValue("fixmedins_code", "H37040600001A", "机构编码应为H或P加6位行政区划加5位数字"),
    BadValue("fixmedins_code", "P37040600001", "机构编码须以机构类型“H”开头"),
    BadValue("fixmedins_code", "H37040300001", "机构编码第2-7位须为所在行政区划“370406”"),
    BadValue("fixmedins_name", "", "不能为空"),
    BadValue("fixmedins_type", "", "不能为空"),
    BadValue("fixmedins_type", "h", "机构类型必须是H（医院）或P（药店）"),
    BadValue("hosp_lv", "5", "医院等级必须是0-3"),
    BadValue("hosp_lv", "-1", "医院等级必须是0-3"),
    BadValue("hosp_lv", "二级", "医院等级必须是0-3"),
    BadValue("admdvs", "37040", "行政区划应为6位数字"),
    BadValue("dialysis_partner", "2", "必须是0或1"),
    BadValue("dialysis_partner", "", "不能为空"),
  ]

  @Test("names the line, the column and the value of a bad field", arguments: badValues)
  func badValue(_ bad: BadValue) {
    let text = makeCSV(Self.shuffled, [Self.pharmacy, replacing(Self.hospital, bad.column, with: bad.value)])
    #expect(importErrors { () throws(ImportErrors) in try ReferenceImport.institutions(text) } == [bad.error(line: 3)])
  }

  @Test("the example message of the brief")
  func exampleMessage() {
    var rows = Array(repeating: Self.pharmacy, count: 10).enumerated().map { index, row in
      replacing(row, "fixmedins_code", with: "P370402\(String(10001 + index).suffix(5))")
    }
    rows.append(replacing(Self.hospital, "hosp_lv", with: "5"))
    let errors = importErrors { () throws(ImportErrors) in
      try ReferenceImport.institutions(makeCSV(ReferenceImport.institutionColumns, rows))
    }
    #expect(errors.map(\.description) == ["第12行 hosp_lv=“5”：医院等级必须是0-3"])
  }

  @Test("reports every bad row and a repeated code")
  func everyBadRow() {
    let rows = [
      Self.hospital, replacing(Self.pharmacy, "hosp_lv", with: "4"), Self.pharmacy,
      replacing(replacing(Self.hospital, "admdvs", with: ""), "fixmedins_type", with: "Q"),
    ]
    let errors = importErrors { () throws(ImportErrors) in
      try ReferenceImport.institutions(makeCSV(ReferenceImport.institutionColumns, rows))
    }
    #expect(
      errors == [
        ImportError(line: 3, column: "hosp_lv", value: "4", message: "医院等级必须是0-3"),
        ImportError(line: 4, column: "fixmedins_code", value: "P37040200001", message: "机构编码重复，第3行已有"),
        ImportError(line: 5, column: "fixmedins_type", value: "Q", message: "机构类型必须是H（医院）或P（药店）"),
        ImportError(line: 5, column: "admdvs", message: "不能为空"),
        ImportError(line: 5, column: "fixmedins_code", value: "H37040600001", message: "机构编码重复，第2行已有"),
      ])
  }
}
