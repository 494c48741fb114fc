import Money
import Registry
import Testing

@Suite("ReferenceImport.catalog")
struct CatalogImportTests {
  static let drug = [
    "med_list_codg": "XL01XCK141A030607248873", "med_list_name": "信迪利单抗注射液", "list_type": "101",
    "chrgitm_lv": "02", "med_chrgitm_type": "09", "selfpay_prop": "0.1", "pric_uplmt_amt": "", "nego_flag": "1",
    "special_flag": "1", "begndate": "2019-01-01", "enddate": "",
  ]
  static let service = [
    "med_list_codg": "002403000060100", "med_list_name": "调强适形放疗（IMRT）", "list_type": "201",
    "chrgitm_lv": "02", "med_chrgitm_type": "14", "selfpay_prop": "0.0500", "pric_uplmt_amt": "800", "nego_flag": "0",
    "special_flag": "0", "begndate": "2019-01-01", "enddate": "2020-12-31",
  ]
  static let shuffled = [
    "enddate", "selfpay_prop", "med_list_name", "special_flag", "list_type", "pric_uplmt_amt", "med_list_codg",
    "begndate", "nego_flag", "med_chrgitm_type", "chrgitm_lv",
  ]

  @Test("reads a good file with shuffled columns")
  func goodFile() throws {
    let items = try ReferenceImport.catalog(makeCSV(Self.shuffled, [Self.drug, Self.service]))
    #expect(
      items == [
        CatalogItem(
          code: "XL01XCK141A030607248873", name: "信迪利单抗注射液", listType: "101", level: .classB, chargeType: "09",
          selfPayRatio: .percent(10), priceCap: nil, isNegotiated: true, isSpecialDrug: true,
          validity: DateRange(begin: try Day("2019-01-01"), end: nil)),
        CatalogItem(
          code: "002403000060100", name: "调强适形放疗（IMRT）", listType: "201", level: .classB, chargeType: "14",
          selfPayRatio: .percent(5), priceCap: Money(fen: 800_00), isNegotiated: false, isSpecialDrug: false,
          validity: DateRange(begin: try Day("2019-01-01"), end: try Day("2020-12-31"))),
      ])
  }

  @Test("reads every selfpay_prop form and a price cap with decimals")
  func decimals() throws {
    let rows = [("0", "12.5"), ("1", "0.01"), ("0.1234", "1200.00"), ("1.0000", "3")].enumerated().map {
      index, pair in
      replacing(
        replacing(replacing(Self.service, "selfpay_prop", with: pair.0), "pric_uplmt_amt", with: pair.1),
        "med_list_codg", with: "00240300006010\(index)")
    }
    let items = try ReferenceImport.catalog(makeCSV(ReferenceImport.catalogColumns, rows))
    #expect(items.map(\.selfPayRatio) == [.zero, .one, Ratio(1234, over: 10_000), .one])
    #expect(items.map(\.priceCap) == [Money(fen: 1250), Money(fen: 1), Money(fen: 120_000), Money(fen: 300)])
  }

  static let badValues = [
    BadValue("med_list_codg", "", "不能为空"),
    BadValue("med_list_name", "", "不能为空"),
    BadValue("list_type", "107", "目录类别必须是101-106、201或301"),
    BadValue("list_type", "", "不能为空"),
    BadValue("chrgitm_lv", "1", "收费项目等级必须是01（甲类）、02（乙类）或03（丙类）"),
    BadValue("chrgitm_lv", "04", "收费项目等级必须是01（甲类）、02（乙类）或03（丙类）"),
    BadValue("med_chrgitm_type", "00", "医疗收费项目类别必须是01-14"),
    BadValue("med_chrgitm_type", "15", "医疗收费项目类别必须是01-14"),
    BadValue("med_chrgitm_type", "9", "医疗收费项目类别必须是01-14"),
    BadValue("selfpay_prop", "1.01", "自付比例须为0到1之间的小数，最多4位小数"),
    BadValue("selfpay_prop", "0.12345", "自付比例须为0到1之间的小数，最多4位小数"),
    BadValue("selfpay_prop", "-0.1", "自付比例须为0到1之间的小数，最多4位小数"),
    BadValue("selfpay_prop", "10%", "自付比例须为0到1之间的小数，最多4位小数"),
    BadValue("selfpay_prop", ".5", "自付比例须为0到1之间的小数，最多4位小数"),
    BadValue("selfpay_prop", "", "不能为空"),
    BadValue("pric_uplmt_amt", "0", "最高限价须为大于0的金额，最多2位小数"),
    BadValue("pric_uplmt_amt", "12.345", "最高限价须为大于0的金额，最多2位小数"),
    BadValue("pric_uplmt_amt", "-5", "最高限价须为大于0的金额，最多2位小数"),
    BadValue("pric_uplmt_amt", "1,200", "最高限价须为大于0的金额，最多2位小数"),
    BadValue("nego_flag", "Y", "必须是0或1"),
    BadValue("special_flag", "", "不能为空"),
    BadValue("begndate", "2019/01/01", "不是有效日期（应为yyyy-MM-dd）"),
    BadValue("begndate", "2019-02-29", "不是有效日期（应为yyyy-MM-dd）"),
    BadValue("begndate", "2019-01-01 00:00:00", "不是有效日期（应为yyyy-MM-dd）"),
    BadValue("begndate", "", "不能为空"),
    BadValue("enddate", "2020-13-01", "不是有效日期（应为yyyy-MM-dd）"),
    BadValue("enddate", "2018-12-31", "结束日期早于开始日期2019-01-01"),
  ]

  @Test("names the line, the column and the value of a bad field", arguments: badValues)
  func badValue(_ bad: BadValue) {
    let text = makeCSV(Self.shuffled, [Self.drug, replacing(Self.service, bad.column, with: bad.value)])
    #expect(importErrors { () throws(ImportErrors) in try ReferenceImport.catalog(text) } == [bad.error(line: 3)])
  }

  @Test("a code may repeat only for periods that do not overlap")
  func repeatedCode() throws {
    let later = replacing(replacing(Self.service, "begndate", with: "2021-01-01"), "enddate", with: "")
    #expect(try ReferenceImport.catalog(makeCSV(ReferenceImport.catalogColumns, [Self.service, later])).count == 2)

    let overlapping = replacing(later, "begndate", with: "2020-12-31")
    let errors = importErrors { () throws(ImportErrors) in
      try ReferenceImport.catalog(makeCSV(ReferenceImport.catalogColumns, [Self.service, later, overlapping]))
    }
    #expect(
      errors == [
        ImportError(
          line: 4, column: "med_list_codg", value: "002403000060100", message: "目录编码重复：与第2行的有效期重叠")
      ])
  }
}
