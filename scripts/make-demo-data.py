#!/usr/bin/env python3
"""Generate the reference data of the demo region 370400 (示例统筹区).

Writes, into Regions/370400/demo/ (relative to the repository root):
  institutions.csv, catalog.csv, persons.csv, identities.csv, qualifications.csv
  and README.md (handy codes for tests and docs).

Deterministic: stdlib only, a fixed random seed, no dependence on the clock or on
dictionary/set ordering.  Re-running it reproduces byte-identical files.

Usage: python3 scripts/make-demo-data.py [output-dir]
"""

import csv
import datetime as dt
import io
import os
import random
import re
import sys
from collections import Counter

SEED = 370400_2021
REF_DATE = dt.date(2021, 1, 1)  # ages and psn_type consistency are checked on this day

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Regions", "370400", "demo")

rng = random.Random(SEED)

DISTRICTS = ["370402", "370403", "370404", "370405", "370406", "370481"]
DISTRICT_NAMES = {
    "370402": "市中区", "370403": "薛城区", "370404": "峄城区",
    "370405": "台儿庄区", "370406": "山亭区", "370481": "滕州市",
}


def d(s):
    return dt.date.fromisoformat(s)


def iso(x):
    return x.isoformat()


def age_on(brdy, on=REF_DATE):
    return on.year - brdy.year - ((on.month, on.day) < (brdy.month, brdy.day))


def rand_date(lo, hi):
    """Uniform date in [lo, hi] (inclusive)."""
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def add_years(x, n):
    try:
        return x.replace(year=x.year + n)
    except ValueError:  # 29 Feb
        return x.replace(year=x.year + n, day=28)


# ---------------------------------------------------------------------------
# 1. Institutions
# ---------------------------------------------------------------------------
# (code, name, type, level, admdvs, dialysis_partner)
INSTITUTIONS = [
    # 市中区 370402
    ("H37040200001", "枣庄市立医院", "H", 3, "370402", 0),
    ("H37040200002", "枣庄市市中区人民医院", "H", 2, "370402", 0),
    ("H37040200003", "枣庄市妇幼保健院", "H", 3, "370402", 0),
    ("H37040200004", "市中区孟庄镇卫生院", "H", 1, "370402", 0),
    ("H37040200101", "市中区光明路街道文化路社区卫生服务站", "H", 0, "370402", 0),
    # 薛城区 370403
    ("H37040300001", "薛城区沙沟镇卫生院", "H", 1, "370403", 0),
    ("H37040300002", "薛城区人民医院", "H", 2, "370403", 0),
    ("H37040300101", "薛城区周营镇前良村卫生室", "H", 0, "370403", 0),
    # 峄城区 370404
    ("H37040400001", "峄城区人民医院", "H", 2, "370404", 0),
    ("H37040400002", "峄城区阴平镇卫生院", "H", 1, "370404", 0),
    # 台儿庄区 370405
    ("H37040500001", "台儿庄区人民医院", "H", 2, "370405", 0),
    ("H37040500101", "台儿庄区运河街道胜利社区卫生服务站", "H", 0, "370405", 0),
    # 山亭区 370406
    ("H37040600001", "山亭区人民医院", "H", 2, "370406", 1),
    ("H37040600002", "山亭区城头镇卫生院", "H", 1, "370406", 0),
    ("H37040600101", "山亭区店子镇西峪村卫生室", "H", 0, "370406", 0),
    # 滕州市 370481
    ("H37048100001", "滕州市中心人民医院", "H", 3, "370481", 0),
    ("H37048100002", "滕州市中医医院", "H", 3, "370481", 0),
    ("H37048100003", "滕州市龙阳镇卫生院", "H", 1, "370481", 0),
    ("H37048100101", "滕州市荆河街道杏坛社区卫生服务站", "H", 0, "370481", 0),
    # out of region
    ("H37010200001", "山东大学齐鲁医院", "H", 3, "370102", 0),
    ("H37010200002", "济南市历下区人民医院", "H", 2, "370102", 0),
    ("H37020200001", "青岛大学附属医院", "H", 3, "370202", 0),
    ("H11010500001", "中国医学科学院肿瘤医院", "H", 3, "110105", 0),
    # pharmacies (in region)
    ("P37040200001", "漱玉平民大药房市中区君山路店", "P", 0, "370402", 0),
    ("P37040300001", "立健药店薛城区永福路店", "P", 0, "370403", 0),
    ("P37040400001", "益丰大药房峄城区坛山路店", "P", 0, "370404", 0),
    ("P37040600001", "山亭区惠民大药房", "P", 0, "370406", 0),
    ("P37048100001", "老百姓大药房滕州市善国路店", "P", 0, "370481", 0),
]

# ---------------------------------------------------------------------------
# 2. Catalogue
# ---------------------------------------------------------------------------
LV = {"甲": "01", "乙": "02", "丙": "03"}

# Western drugs (list_type 101, med_chrgitm_type 09).
# name | ATC (5) | class | selfpay_prop | typical price (yuan per unit) | flags
# flags: N nego, S special (大病特药), B21 begins 2021-01-01, E20 ends 2020-12-31,
#        H=<label> handy item listed in README
WESTERN = """
盐酸二甲双胍片|A10BA|甲|0|8.50|H=两病：降糖药（甲类）
盐酸二甲双胍缓释片|A10BA|乙|0.1|15.60|
格列美脲片|A10BB|乙|0.05|12.40|
格列齐德缓释片|A10BB|甲|0|18.90|
阿卡波糖片|A10BF|甲|0|21.30|
瑞格列奈片|A10BX|乙|0.1|19.50|
磷酸西格列汀片|A10BH|乙|0.2|68.00|
达格列净片|A10BK|乙|0.1|130.80|N H=国家谈判药（双通道，非特药）
恩格列净片|A10BK|甲|0|97.50|N
利拉鲁肽注射液|A10BJ|乙|0.2|410.00|N
司美格鲁肽注射液|A10BJ|乙|0.2|830.00|N B21
聚乙二醇洛塞那肽注射液|A10BJ|乙|0.1|195.00|N B21
胰岛素注射液|A10AB|甲|0|19.60|
生物合成人胰岛素注射液|A10AB|甲|0|45.80|
精蛋白生物合成人胰岛素注射液（预混30R）|A10AD|甲|0|56.20|H=胰岛素（甲类）
门冬胰岛素注射液|A10AB|乙|0.1|68.50|
甘精胰岛素注射液|A10AE|乙|0.1|95.00|
德谷胰岛素注射液|A10AE|乙|0.1|215.00|N B21
硝苯地平缓释片|C08CA|甲|0|9.80|
硝苯地平控释片|C08CA|乙|0.05|32.60|
苯磺酸氨氯地平片|C08CA|甲|0|6.30|H=两病：降压药（甲类）
卡托普利片|C09AA|甲|0|3.20|
马来酸依那普利片|C09AA|甲|0|5.60|
厄贝沙坦片|C09CA|乙|0.05|11.90|
缬沙坦胶囊|C09CA|甲|0|14.70|
氯沙坦钾片|C09CA|乙|0.05|13.60|
厄贝沙坦氢氯噻嗪片|C09DA|乙|0.1|22.80|
沙库巴曲缬沙坦钠片|C09DX|乙|0.1|158.00|N
酒石酸美托洛尔片|C07AB|甲|0|4.50|
琥珀酸美托洛尔缓释片|C07AB|乙|0.1|33.60|
富马酸比索洛尔片|C07AB|甲|0|12.80|
氢氯噻嗪片|C03AA|甲|0|2.60|
螺内酯片|C03DA|甲|0|3.90|
呋塞米片|C03CA|甲|0|2.40|
呋塞米注射液|C03CA|甲|0|0.85|
盐酸伊伐布雷定片|C01EB|乙|0.1|96.00|
阿司匹林肠溶片|B01AC|甲|0|13.50|
硫酸氢氯吡格雷片|B01AC|乙|0.05|17.80|
替格瑞洛片|B01AC|乙|0.1|64.00|
华法林钠片|B01AA|甲|0|9.60|
利伐沙班片|B01AF|乙|0.1|48.00|
肝素钠注射液|B01AB|甲|0|8.60|
阿托伐他汀钙片|C10AA|乙|0.1|26.40|H=乙类西药
辛伐他汀片|C10AA|甲|0|7.90|
单硝酸异山梨酯缓释片|C01DA|乙|0.05|21.40|
硝酸甘油片|C01DA|甲|0|5.80|
地高辛片|C01AA|甲|0|4.20|
阿莫西林胶囊|J01CA|甲|0|9.80|H=甲类西药
注射用青霉素钠|J01CE|甲|0|1.20|
头孢氨苄胶囊|J01DB|甲|0|7.50|
注射用头孢曲松钠|J01DD|甲|0|5.90|
注射用头孢哌酮钠舒巴坦钠|J01DD|乙|0.1|28.50|
阿奇霉素片|J01FA|甲|0|12.40|
盐酸左氧氟沙星片|J01MA|甲|0|11.20|
左氧氟沙星氯化钠注射液|J01MA|乙|0.05|14.50|
盐酸莫西沙星片|J01MA|乙|0.1|36.80|
注射用美罗培南|J01DH|乙|0.1|98.00|
甲硝唑片|J01XD|甲|0|2.10|
甲硝唑氯化钠注射液|J01XD|甲|0|3.40|
注射用盐酸万古霉素|J01XA|乙|0.1|86.00|
氟康唑胶囊|J02AC|甲|0|12.30|
磷酸奥司他韦胶囊|J05AH|乙|0.1|46.00|
恩替卡韦片|J05AF|甲|0|17.40|
丙酚替诺福韦片|J05AF|甲|0|378.00|N
索磷布韦维帕他韦片|J05AP|甲|0|10800.00|N
奥美拉唑肠溶胶囊|A02BC|甲|0|8.90|
注射用奥美拉唑钠|A02BC|乙|0.1|12.60|
泮托拉唑钠肠溶片|A02BC|乙|0.05|19.40|
蒙脱石散|A07BC|甲|0|12.60|
多潘立酮片|A03FA|甲|0|11.80|
盐酸甲氧氯普胺注射液|A03FA|甲|0|0.60|
枯草杆菌二联活菌颗粒|A07FA|乙|0.1|29.60|
复方消化酶胶囊|A09AA|丙|1|32.00|
熊去氧胆酸胶囊|A05AA|乙|0.05|54.00|
盐酸氨溴索注射液|R05CB|乙|0.1|4.60|
吸入用布地奈德混悬液|R03BA|乙|0.1|61.00|
硫酸沙丁胺醇吸入气雾剂|R03AC|甲|0|23.50|
孟鲁司特钠片|R03DC|乙|0.1|42.00|
氯雷他定片|R06AX|甲|0|9.20|
布洛芬缓释胶囊|M01AE|甲|0|10.50|
塞来昔布胶囊|M01AH|乙|0.1|32.80|
对乙酰氨基酚片|N02BE|甲|0|3.60|
盐酸曲马多缓释片|N02AX|乙|0.1|26.50|
盐酸吗啡注射液|N02AA|甲|0|4.80|
地西泮片|N05BA|甲|0|2.30|
奥氮平片|N05AH|乙|0.05|48.60|
利培酮片|N05AX|甲|0|18.40|
阿立哌唑片|N05AX|乙|0.05|39.80|
富马酸喹硫平片|N05AH|乙|0.05|28.90|
盐酸帕罗西汀片|N06AB|乙|0.05|41.20|
丙戊酸钠缓释片|N03AG|乙|0.1|52.00|
左乙拉西坦片|N03AX|乙|0.1|88.00|
盐酸多奈哌齐片|N06DA|乙|0.1|45.00|
甲钴胺片|B03BA|乙|0.1|18.60|
氯化钠注射液|B05XA|甲|0|2.50|
葡萄糖注射液|B05BA|甲|0|2.60|
复方氯化钠注射液|B05BB|甲|0|3.20|
氯化钾注射液|B05XA|甲|0|0.90|
人血白蛋白|B05AA|乙|0.2|365.00|
维生素C注射液|A11GA|甲|0|0.45|
多维元素片（29）|A11AA|丙|1|68.00|
碳酸钙D3片|A12AX|乙|0.2|24.00|
骨化三醇软胶囊|A11CC|乙|0.05|28.60|
叶酸片|B03BB|甲|0|3.80|
蔗糖铁注射液|B03AC|乙|0.1|58.00|
重组人促红素注射液|B03XA|乙|0.1|46.00|
左卡尼汀注射液|A16AA|乙|0.2|22.00|
碳酸司维拉姆片|V03AE|乙|0.1|168.00|
盐酸西那卡塞片|H05BX|乙|0.1|192.00|
醋酸泼尼松片|H02AB|甲|0|3.40|
地塞米松磷酸钠注射液|H02AB|甲|0|0.55|
甲泼尼龙片|H02AB|乙|0.05|15.80|
注射用甲泼尼龙琥珀酸钠|H02AB|乙|0.05|26.40|
左甲状腺素钠片|H03AA|甲|0|23.00|
缩宫素注射液|H01BB|甲|0|1.60|
黄体酮注射液|G03DA|甲|0|2.40|
地屈孕酮片|G03DB|乙|0.1|98.00|
顺铂注射液|L01XA|甲|0|18.50|
注射用奥沙利铂|L01XA|乙|0.1|185.00|
紫杉醇注射液|L01CD|甲|0|238.00|H=化疗药（甲类）
注射用紫杉醇（白蛋白结合型）|L01CD|乙|0.2|785.00|
多西他赛注射液|L01CD|乙|0.1|356.00|
注射用盐酸吉西他滨|L01BC|乙|0.1|168.00|
氟尿嘧啶注射液|L01BC|甲|0|6.80|
卡培他滨片|L01BC|乙|0.1|142.00|
注射用培美曲塞二钠|L01BA|乙|0.1|398.00|
注射用环磷酰胺|L01AA|甲|0|24.00|
注射用盐酸表柔比星|L01DB|乙|0.1|126.00|
替吉奥胶囊|L01BC|乙|0.2|298.00|
吉非替尼片|L01XE|乙|0.1|547.00|
注射用曲妥珠单抗|L01XC|乙|0.1|5500.00|N S
贝伐珠单抗注射液|L01XC|乙|0.1|1934.00|N S
利妥昔单抗注射液|L01XC|乙|0.1|1398.00|N S
信迪利单抗注射液|L01XC|乙|0.1|1080.00|N S H=大病特药（谈判药）
注射用卡瑞利珠单抗|L01XC|乙|0.1|2928.00|N S B21 H=2021-01-01 起生效的特药
替雷利珠单抗注射液|L01XC|乙|0.1|1450.00|N S B21
甲磺酸奥希替尼片|L01XE|乙|0.1|5280.00|N S
盐酸安罗替尼胶囊|L01XE|乙|0.1|3320.00|N S
甲磺酸仑伐替尼胶囊|L01XE|乙|0.1|2390.00|N B21
醋酸阿比特龙片|L02BX|乙|0.1|1880.00|N B21
盐酸昂丹司琼注射液|A04AA|甲|0|3.80|
重组人粒细胞刺激因子注射液|L03AA|乙|0.1|118.00|
醋酸戈舍瑞林缓释植入剂|L02AE|乙|0.1|1480.00|
来曲唑片|L02BG|乙|0.05|126.00|
枸橼酸他莫昔芬片|L02BA|甲|0|18.00|
他克莫司胶囊|L04AD|乙|0.1|386.00|H=抗排异药
环孢素软胶囊|L04AD|甲|0|238.00|
吗替麦考酚酯胶囊|L04AA|乙|0.1|162.00|
西罗莫司片|L04AA|乙|0.1|268.00|
枸橼酸托法替布片|L04AA|乙|0.1|1020.00|N B21
阿达木单抗注射液|L04AB|乙|0.2|1290.00|N B21
注射用人凝血因子Ⅷ|B02BD|乙|0.1|980.00|H=血友病凝血因子Ⅷ
注射用重组人凝血因子Ⅷ|B02BD|乙|0.1|2150.00|
注射用人凝血酶原复合物|B02BD|乙|0.1|560.00|
氨甲环酸注射液|B02AA|甲|0|1.90|
维生素K1注射液|B02BA|甲|0|1.20|
盐酸利多卡因注射液|N01BB|甲|0|0.80|
丙泊酚乳状注射液|N01AX|甲|0|28.00|
盐酸罗哌卡因注射液|N01BB|乙|0.05|36.00|
枸橼酸舒芬太尼注射液|N01AH|乙|0.05|42.00|
左氧氟沙星滴眼液|S01AE|甲|0|9.80|
红霉素软膏|D06AX|甲|0|1.80|
复方甘草酸苷片|A05BA|乙|0.1|38.00|
枸橼酸西地那非片|G04BE|丙|1|98.00|
奥利司他胶囊|A08AB|丙|1|188.00|H=丙类药品
米诺地尔搽剂|D11AX|丙|1|76.00|
维生素E软胶囊|A11HA|丙|1|18.00|
盐酸氨基葡萄糖胶囊|M01AX|丙|1|56.00|
注射用复合辅酶|A16AX|乙|0.3|32.00|E20 H=2020-12-31 起停用的药品
注射用磷酸肌酸钠|C01EB|乙|0.2|28.00|E20
奥拉西坦注射液|N06BX|乙|0.2|36.00|E20
小牛血去蛋白提取物注射液|B06AB|乙|0.3|26.00|E20
"""

# Chinese patent drugs (list_type 101, med_chrgitm_type 11).
# name | class (5) | class | selfpay | price | flags
PATENT = """
复方丹参滴丸|A12AA|甲|0|28.60|
速效救心丸|A12AA|甲|0|32.50|
血塞通软胶囊|A12BA|乙|0.1|36.20|
通心络胶囊|A12BA|乙|0.1|48.50|
稳心颗粒|A12CA|乙|0.1|38.60|
芪苈强心胶囊|A12CA|乙|0.1|56.00|
连花清瘟胶囊|A01BA|甲|0|14.80|
板蓝根颗粒|A04BA|甲|0|8.60|
感冒清热颗粒|A01AA|甲|0|12.40|
蒲地蓝消炎口服液|A04BA|乙|0.1|36.00|
藿香正气水|A06AA|甲|0|6.50|
六味地黄丸|A09DA|甲|0|16.80|
逍遥丸|A10AA|甲|0|12.60|
补中益气丸|A09AA|甲|0|14.50|
云南白药胶囊|A11BA|甲|0|26.00|
消渴丸|A09EA|甲|0|22.80|
天麻钩藤颗粒|A14AA|乙|0.1|28.40|
松龄血脉康胶囊|A14AA|乙|0.1|34.60|
津力达颗粒|A09EA|乙|0.1|42.00|
金水宝胶囊|A09CA|乙|0.1|38.00|
百令胶囊|A09CA|乙|0.1|46.00|
尿毒清颗粒|A06BA|乙|0.1|52.00|
华蟾素片|A15AA|乙|0.1|45.00|
复方苦参注射液|A15AA|乙|0.2|68.00|
康艾注射液|A15AA|乙|0.2|58.00|
参芪扶正注射液|A15BA|乙|0.3|62.00|
注射用血栓通（冻干）|A12BA|乙|0.2|48.00|
醒脑静注射液|A13AA|乙|0.2|32.00|
丹红注射液|A12BA|乙|0.2|45.00|E20
益母草颗粒|A16AA|甲|0|12.80|
产复康颗粒|A16AA|乙|0.1|28.00|
新生化颗粒|A16AA|乙|0.1|24.60|
生脉饮|A09BA|甲|0|16.20|
安宫牛黄丸|A13AA|甲|0|480.00|
复方阿胶浆|A09BA|丙|1|98.00|
安神补脑液|A10BA|丙|1|36.00|
"""

# 中药饮片 (list_type 102, med_chrgitm_type 10). name | efficacy class | class | selfpay | price per gram
HERBS = """
黄芪|15|甲|0|0.12
党参|15|甲|0|0.18
当归|15|甲|0|0.16
白术|15|甲|0|0.10
茯苓|09|甲|0|0.08
甘草|15|甲|0|0.06
川芎|12|甲|0|0.09
丹参|12|甲|0|0.07
金银花|02|甲|0|0.45
连翘|02|甲|0|0.15
柴胡|01|甲|0|0.22
陈皮|10|甲|0|0.05
法半夏|13|甲|0|0.35
枸杞子|15|乙|0.1|0.14
冬虫夏草|15|丙|1|280.00
西洋参|15|丙|1|1.60
鹿茸|15|丙|1|12.00
红参|15|丙|1|2.20
"""

# 中药配方颗粒 (list_type 106, med_chrgitm_type 10). price per bag
GRANULES = """
黄芪配方颗粒|15|乙|0.1|1.35
党参配方颗粒|15|乙|0.1|1.60
当归配方颗粒|15|乙|0.1|1.42
白术配方颗粒|15|乙|0.1|1.18
茯苓配方颗粒|09|乙|0.1|0.96
甘草配方颗粒|15|乙|0.1|0.72
丹参配方颗粒|12|乙|0.1|0.88
金银花配方颗粒|02|乙|0.1|2.60
"""

# Medical services (list_type 201). national 9-digit project code | name |
# med_chrgitm_type | class | selfpay | price | cap | flags
SERVICES = """
110100001|挂号费|13|甲|0|1.00||
110200001|普通门诊诊察费|02|甲|0|10.00||H=普通门诊诊察费
110200002|副主任医师门诊诊察费|02|甲|0|18.00||
110200003|主任医师门诊诊察费|02|甲|0|25.00||
110200004|知名专家门诊诊察费|02|乙|0.2|50.00|30.00|
110200005|急诊诊察费|02|甲|0|12.00||
110200006|特需门诊诊察费|02|丙|1|200.00||
110300001|住院诊察费|02|甲|0|20.00||
111000001|一般诊疗费|12|甲|0|10.00||H=一般诊疗费（基层）
110500001|健康体检|14|丙|1|300.00||
110700001|病历工本费|14|丙|1|2.00||
110800001|院前急救（救护车）|14|甲|0|50.00||
110900001|普通病房床位费|01|甲|0|25.00||H=床位费（普通病房，甲类）
110900002|双人间病房床位费|01|乙|0.2|60.00|40.00|
110900003|单人间病房床位费|01|乙|0.3|120.00|60.00|
110900004|层流洁净病房床位费|01|乙|0.1|200.00||
110900005|重症监护病房床位费|01|甲|0|150.00||
110900006|特需病房床位费|01|丙|1|500.00||
110900007|母婴同室新生儿床位费|01|甲|0|8.00||
110900008|急诊观察床位费|01|甲|0|15.00||
110900009|陪护床位费|01|丙|1|20.00||
120100001|重症监护|07|甲|0|8.00||
120100002|特级护理|07|甲|0|6.00||
120100003|Ⅰ级护理|07|甲|0|25.00||H=护理费
120100004|Ⅱ级护理|07|甲|0|15.00||
120100005|Ⅲ级护理|07|甲|0|8.00||
120400001|肌肉注射|05|甲|0|2.00||
120400006|静脉输液|05|甲|0|8.00||
121600001|氧气吸入|05|甲|0|3.00||
121100001|导尿|05|甲|0|10.00||
120900001|换药|05|甲|0|15.00||
210102015|数字化摄影（DR）|03|甲|0|70.00||
210300001|X线计算机体层（CT）平扫|03|乙|0.1|180.00||
210300002|X线计算机体层（CT）增强扫描|03|乙|0.1|300.00||
210400001|磁共振平扫|03|乙|0.2|500.00|450.00|
210400002|磁共振增强扫描|03|乙|0.2|750.00|650.00|
230600001|正电子发射计算机断层显像（PET/CT）|03|丙|1|7500.00||
220201001|B超常规检查|03|甲|0|60.00||
220302001|彩色多普勒超声常规检查|03|甲|0|120.00||
220600004|心脏彩色多普勒超声|03|乙|0.05|200.00||
220800003|胎儿系统超声筛查|03|甲|0|200.00||
310701001|常规心电图检查|03|甲|0|15.00||
310702001|动态心电图|03|乙|0.1|150.00||
310903001|电子胃镜检查|03|甲|0|200.00||
310903004|电子结肠镜检查|03|乙|0.1|300.00||
320100001|冠状动脉造影术|03|乙|0.1|1800.00||
311300001|产前检查|03|甲|0|20.00||H=产前检查
311300005|胎心监测|03|甲|0|20.00||
250101015|血细胞分析（全血细胞计数）|04|甲|0|20.00||H=化验（血常规）
250102035|尿液分析（尿常规）|04|甲|0|10.00||
250104001|ABO血型鉴定|04|甲|0|10.00||
250203001|凝血酶原时间测定（PT）|04|甲|0|12.00||
250302001|葡萄糖测定|04|甲|0|5.00||
250302003|糖化血红蛋白测定|04|甲|0|60.00||
250303001|血清总胆固醇测定|04|甲|0|6.00||
250305001|血清丙氨酸氨基转移酶测定|04|甲|0|5.00||
250307001|血清尿素测定|04|甲|0|6.00||
250307002|血清肌酐测定|04|甲|0|6.00||
250310005|血清促甲状腺激素测定|04|乙|0.1|30.00||
250310027|血清人绒毛膜促性腺激素测定|04|甲|0|15.00||
250401002|人免疫缺陷病毒抗体测定|04|甲|0|30.00||
250403001|乙型肝炎表面抗原测定|04|甲|0|15.00||
250403018|乙型肝炎病毒DNA定量|04|乙|0.2|200.00||
250404010|癌胚抗原测定（CEA）|04|乙|0.1|50.00||
250404016|甲胎蛋白测定（AFP）|04|乙|0.1|45.00||
250501001|一般细菌培养及鉴定|04|甲|0|60.00||
260000005|交叉配血|04|甲|0|30.00||
270300001|手术标本病理检查与诊断|04|甲|0|180.00||
311000006|血液透析|05|甲|0|400.00||H=血液透析
311000007|血液滤过|05|甲|0|500.00||
311000008|血液透析滤过|05|乙|0.05|550.00|500.00|
311000015|连续性血液净化|05|乙|0.1|180.00||
311000018|腹膜透析|05|甲|0|60.00||
240100001|放射治疗计划（人工）|05|甲|0|300.00||
240200003|三维适形放疗计划|05|乙|0.1|2000.00||
240300001|深部X线照射|05|甲|0|60.00||
240300003|直线加速器放疗（常规）|05|甲|0|150.00||H=放疗（常规）
240300006|调强适形放疗（IMRT）|05|乙|0.1|900.00|800.00|H=放疗（调强，带限价）
240300009|立体定向放射治疗（SBRT）|05|乙|0.2|2500.00|2200.00|
240500002|后装腔内放疗|05|乙|0.1|600.00||
311400001|肿瘤静脉化学治疗|05|甲|0|40.00||
340200001|运动疗法|05|乙|0.1|50.00||
440000001|普通针刺|05|甲|0|15.00||
450000005|中医养生保健调理|05|丙|1|80.00||
311503007|心理咨询|05|丙|1|100.00||
310520001|牙齿漂白|05|丙|1|500.00||
310513001|烤瓷冠修复|05|丙|1|1200.00||
311600011|激光祛斑|05|丙|1|300.00||
330100001|局部浸润麻醉|06|甲|0|30.00||
330100003|椎管内麻醉|06|甲|0|400.00||
330100005|全身麻醉|06|甲|0|600.00||
331003001|阑尾切除术|06|甲|0|800.00||H=手术（甲类）
331006010|腹腔镜胆囊切除术|06|乙|0.1|2200.00|2000.00|
331301003|腹股沟疝修补术|06|甲|0|1200.00||
330404001|白内障超声乳化摘除术+人工晶体植入术|06|甲|0|2000.00||
330804004|经皮冠状动脉支架置入术|06|乙|0.1|3000.00||
331506001|乳腺肿物切除术|06|甲|0|600.00||
330606001|甲状腺次全切除术|06|甲|0|1200.00||
331005002|胃癌根治术|06|甲|0|4000.00||
330701001|全髋关节置换术|06|乙|0.1|3500.00|3200.00|
331401001|同种异体肾移植术|06|乙|0.1|10000.00||
311300012|单胎顺产接生|06|甲|0|800.00||H=顺产接生
311300014|难产接生（助娩）|06|甲|0|1000.00||
331603001|剖宫产术|06|甲|0|1300.00||H=剖宫产术
330401005|准分子激光角膜屈光手术|06|丙|1|6000.00||
330201008|重睑成形术|06|丙|1|2000.00||
310515002|种植体植入术|06|丙|1|5000.00||
"""

# Consumables (list_type 301, med_chrgitm_type 08). class (6 digits) | name |
# class | selfpay | price | cap | flags
CONSUMABLES = """
020101|一次性使用输液器|甲|0|3.50||
020102|一次性使用无菌注射器|甲|0|0.80||
020103|静脉留置针|乙|0.1|15.00|12.00|
020201|一次性使用导尿管|甲|0|8.00||
010102|医用脱脂纱布|甲|0|2.00||
010104|心电电极片|甲|0|1.50||
010105|石膏绷带|甲|0|20.00||
010106|医用高分子夹板|乙|0.2|150.00|120.00|
030101|可吸收外科缝线|乙|0.1|80.00|70.00|
030102|医用胶（组织粘合剂）|乙|0.3|400.00||
030103|可吸收止血纱布|乙|0.3|300.00|260.00|
030104|一次性使用手术包|乙|0.1|80.00|70.00|
040101|一次性使用血液透析器|乙|0.05|120.00|100.00|
040102|一次性使用血液透析管路|乙|0.05|45.00|40.00|
040103|动静脉内瘘穿刺针|乙|0.05|15.00||
050101|冠状动脉药物洗脱支架|乙|0.1|800.00|700.00|B21
050102|PTCA球囊扩张导管|乙|0.2|1500.00|1200.00|
050103|双腔心脏起搏器|乙|0.2|30000.00|25000.00|
060101|人工晶体（单焦点）|乙|0.1|1500.00|1200.00|H=带限价的耗材
060102|多焦点人工晶体|丙|1|12000.00||
060103|角膜塑形镜|丙|1|8000.00||
070101|人工髋关节假体|乙|0.2|20000.00|15000.00|
070102|骨科接骨板|乙|0.2|3000.00|2500.00|
070103|骨科螺钉|乙|0.2|300.00|250.00|
080101|一次性使用腹腔镜穿刺器|乙|0.1|500.00|450.00|
080102|一次性使用吻合器|乙|0.2|3000.00|2600.00|
080103|疝修补补片|乙|0.1|1500.00|1300.00|
080104|一次性使用负压引流装置|乙|0.1|400.00|350.00|
090101|中心静脉导管包|乙|0.1|260.00|220.00|
090102|经外周静脉置入中心静脉导管（PICC）|乙|0.1|1200.00|1000.00|
090103|植入式给药装置（输液港）|乙|0.2|4500.00|3800.00|
090104|放疗定位热塑膜|乙|0.1|500.00|400.00|
090105|一次性使用活检针|乙|0.1|300.00||
100101|胰岛素笔用针头|乙|0.3|2.00||
100102|血糖试纸|乙|0.3|3.00||
110101|一次性使用气管插管|甲|0|30.00||
120101|一次性使用产包|甲|0|60.00||H=产科耗材
120102|一次性使用脐带夹|甲|0|5.00||
130101|输尿管支架管（双J管）|乙|0.1|400.00|350.00|
140101|医用弹力袜|丙|1|200.00||
140102|医用护肤敷料|丙|1|100.00||
140103|助听器|丙|1|6000.00||
140104|烤瓷冠|丙|1|800.00||
140105|防褥疮气垫床|丙|1|300.00||
"""

FORM_CODES = [  # (suffix, dosage-form code)
    ("缓释植入剂", "081"), ("缓释胶囊", "012"), ("缓释片", "006"), ("控释片", "007"),
    ("肠溶胶囊", "013"), ("肠溶片", "004"), ("咀嚼片", "005"), ("软胶囊", "011"),
    ("滴眼液", "061"), ("气雾剂", "071"), ("粉吸入剂", "072"), ("混悬液", "045"),
    ("口服溶液", "041"), ("口服液", "041"), ("搽剂", "055"), ("软膏", "051"),
    ("注射液", "030"), ("胶囊", "010"), ("颗粒", "021"), ("滴丸", "016"), ("散", "024"),
    ("丸", "015"), ("片", "001"), ("水", "043"), ("浆", "042"), ("饮", "041"),
    ("白蛋白", "032"),
]


def form_code(name):
    if name.startswith("注射用"):
        return "031"
    base = re.sub(r"（[^）]*）$", "", name)
    for suffix, code in FORM_CODES:
        if base.endswith(suffix):
            return code
    return "099"


def parse_table(text):
    return [line.split("|") for line in text.strip("\n").split("\n") if line.strip()]


def parse_flags(s):
    nego = special = False
    begin, end, handy = "2019-01-01", "", None
    for tok in re.findall(r"H=\S.*$|\S+", s.strip()):
        if tok == "N":
            nego = True
        elif tok == "S":
            special = True
        elif tok == "B21":
            begin = "2021-01-01"
        elif tok == "E20":
            end = "2020-12-31"
        elif tok.startswith("H="):
            handy = tok[2:]
        else:
            raise ValueError("unknown flag %r" % tok)
    return nego, special, begin, end, handy


UPPER = "ABCDEFGHJKLMNPQRSTWXYZ"


def digits(n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def build_catalog():
    items = []  # dicts
    used = set()

    def unique(make):
        while True:
            code = make()
            if code not in used:
                used.add(code)
                return code

    for name, atc, lv, prop, price, flags in parse_table(WESTERN):
        nego, special, begin, end, handy = parse_flags(flags)
        code = unique(lambda: "X" + atc + rng.choice(UPPER) + "%03d" % rng.randint(1, 999)
                      + "A" + form_code(name) + digits(3) + "%06d" % rng.randint(1, 999999))
        items.append(dict(code=code, name=name, list_type="101", lv=LV[lv], type="09",
                          prop=prop, cap="", nego=nego, special=special, begin=begin,
                          end=end, price=price, handy=handy))
    for name, cls, lv, prop, price, flags in parse_table(PATENT):
        nego, special, begin, end, handy = parse_flags(flags)
        code = unique(lambda: "Z" + cls + rng.choice(UPPER) + "%03d" % rng.randint(1, 999)
                      + "B" + form_code(name) + digits(3) + "%06d" % rng.randint(1, 999999))
        items.append(dict(code=code, name=name, list_type="101", lv=LV[lv], type="11",
                          prop=prop, cap="", nego=nego, special=special, begin=begin,
                          end=end, price=price, handy=handy))
    herb_no = {}
    for i, (name, eff, lv, prop, price) in enumerate(parse_table(HERBS)):
        herb_no[name] = "%05d" % (101 + i * 37)
        code = unique(lambda: "T00" + eff + herb_no[name])
        items.append(dict(code=code, name=name, list_type="102", lv=LV[lv], type="10",
                          prop=prop, cap="", nego=False, special=False, begin="2019-01-01",
                          end="", price=price, handy=None))
    for name, eff, lv, prop, price in parse_table(GRANULES):
        base = name.replace("配方颗粒", "")
        code = unique(lambda: "T00" + eff + herb_no[base] + "0" + "%03d" % rng.randint(1, 30)
                      + "%06d" % rng.randint(1, 999999))
        items.append(dict(code=code, name=name, list_type="106", lv=LV[lv], type="10",
                          prop=prop, cap="", nego=False, special=False, begin="2019-01-01",
                          end="", price=price, handy=None))
    for code9, name, ctype, lv, prop, price, cap, flags in parse_table(SERVICES):
        nego, special, begin, end, handy = parse_flags(flags)
        code = unique(lambda: "00" + code9 + "0100")
        items.append(dict(code=code, name=name, list_type="201", lv=LV[lv], type=ctype,
                          prop=prop, cap=cap, nego=False, special=False, begin=begin,
                          end=end, price=price, handy=handy))
    for cls, name, lv, prop, price, cap, flags in parse_table(CONSUMABLES):
        nego, special, begin, end, handy = parse_flags(flags)
        code = unique(lambda: "C" + cls + digits(13))
        items.append(dict(code=code, name=name, list_type="301", lv=LV[lv], type="08",
                          prop=prop, cap=cap, nego=False, special=False, begin=begin,
                          end=end, price=price, handy=handy))
    return items


# ---------------------------------------------------------------------------
# 3. Persons
# ---------------------------------------------------------------------------
SURNAMES = ("王王王李李李张张张刘刘陈陈杨赵黄周吴徐孙孙胡朱高林何郭马罗梁宋郑谢韩唐冯于"
            "董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎潘杜戴夏钟汪田任姜范方石姚褚颜"
            "孔孟邵邱秦史顾侯龙段钱汤尹常武乔贺龚文牛葛鲍")
MALE_CHARS = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欣建国志文德福庆海峰晨阳博瑞泽轩"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀玲燕红萍婷雪琳慧莉倩颖洁梅兰凤英桂月晶欣悦怡佳雨涵萱琪璐瑶彤"
MALE_OLD = "德福顺宝成发贵富祥树春广兴明永胜忠山"
FEMALE_OLD = "秀桂兰英凤玉翠淑珍香荣芝梅花"

used_names = set()


def make_name(gend, year):
    for _ in range(200):
        sur = rng.choice(SURNAMES)
        if year < 1965:
            pool = MALE_OLD + MALE_CHARS[:12] if gend == 1 else FEMALE_OLD + FEMALE_CHARS[:12]
        else:
            pool = MALE_CHARS if gend == 1 else FEMALE_CHARS
        n = 1 if rng.random() < 0.3 else 2
        given = "".join(rng.choice(pool) for _ in range(n))
        if n == 2 and given[0] == given[1] and rng.random() < 0.7:
            continue
        name = sur + given
        if name not in used_names:
            used_names.add(name)
            return name
    raise RuntimeError("names exhausted")


ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def id_check_char(first17):
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


used_certno = set()


def make_certno(brdy, gend):
    while True:
        area = rng.choice(DISTRICTS)
        g = rng.choice("13579" if gend == 1 else "02468")
        seq = "%02d" % rng.randint(0, 99) + g
        first17 = area + brdy.strftime("%Y%m%d") + seq
        certno = first17 + id_check_char(first17)
        if certno not in used_certno:
            used_certno.add(certno)
            return certno


used_psn_no = set()


def make_psn_no():
    while True:
        p = "3704" + str(rng.randint(1, 9)) + digits(15)
        if p not in used_psn_no:
            used_psn_no.add(p)
            return p


def money(x):
    return "%.2f" % x


# Fixed persons: (psn_no suffix, insutype, psn_type, gend, brdy, name, cont_years,
#                 acct_balc, psn_insu_date, with_510)
FIXED_PERSONS = [
    (1, "390", "1501", 2, "1985-03-12", "张丽娟", 6, 0.0, "2012-01-01", False),
    (2, "390", "1501", 1, "1950-07-01", "王德胜", 3, 0.0, "2017-12-01", False),
    (3, "310", "1101", 1, "1980-05-20", "刘建军", 0, 3000.0, "2003-07-01", False),
    (4, "310", "1201", 1, "1955-01-15", "孙德明", 0, 5000.0, "1996-01-01", False),
    (5, "310", "1101", 2, "1992-09-09", "陈静", 0, 1200.0, "2015-08-01", True),
    (6, "310", "1103", 2, "1994-02-02", "赵婷婷", 0, 800.0, "2018-03-01", False),
    (7, "390", "1404", 1, "2002-04-04", "周浩然", 2, 0.0, "2019-01-01", False),
    (8, "390", "1501", 1, "1960-10-10", "褚福祥", 12, 0.0, "2008-01-01", False),
    (9, "390", "1501", 2, "1958-06-06", "高桂兰", 4, 0.0, "2008-01-01", False),
    (10, "310", "1101", 1, "1970-11-11", "杨志强", 0, 2000.0, "1995-07-01", False),
]

# generated persons per psn_type: (psn_type, count)
GEN_PLAN = [("1101", 70), ("1102", 10), ("1103", 20), ("1201", 30),
            ("1401", 8), ("1402", 16), ("1403", 32), ("1404", 20), ("1501", 84)]


def brdy_for(psn_type, gend):
    ref = REF_DATE
    if psn_type == "1401":
        return rand_date(d("2020-01-02"), d("2020-12-20"))
    ranges = {  # (min age, max age) on REF_DATE
        "1101": (20, 59 if gend == 1 else 54), "1102": (23, 59 if gend == 1 else 54),
        "1103": (20, 58 if gend == 1 else 53), "1201": (60 if gend == 1 else 55, 88),
        "1402": (1, 5), "1403": (6, 17), "1404": (18, 23), "1501": (18, 90),
    }
    lo, hi = ranges[psn_type]
    # born between ref - (hi+1) years + 1 day and ref - lo years
    earliest = add_years(ref, -(hi + 1)) + dt.timedelta(days=1)
    latest = add_years(ref, -lo)
    return rand_date(earliest, latest)


def build_persons():
    persons = []  # dicts; one per person (510 flag inside)
    for (n, insutype, ptype, gend, brdy, name, cont, acct, insu, w510) in FIXED_PERSONS:
        psn_no = "3704%016d" % n
        used_psn_no.add(psn_no)
        used_names.add(name)
        b = d(brdy)
        persons.append(dict(psn_no=psn_no, certno=make_certno(b, gend), name=name, gend=gend,
                            brdy=b, insutype=insutype, psn_type=ptype, insu=d(insu),
                            cont=cont, acct=acct, w510=w510, fixed=n))
    # 1401/1501 residents get a contribution history; employees their insurance start
    for ptype, count in GEN_PLAN:
        for _ in range(count):
            if ptype in ("1101", "1102", "1103"):
                gend = 1 if rng.random() < 0.52 else 2
            elif ptype == "1201":
                gend = 1 if rng.random() < 0.45 else 2
            else:
                gend = rng.choice((1, 2))
            b = brdy_for(ptype, gend)
            age = age_on(b)
            resident = ptype[:2] in ("14", "15")
            insutype = "390" if resident else "310"
            acct = 0.0
            cont = 0
            if resident:
                if ptype == "1401":
                    insu = min(b + dt.timedelta(days=rng.randint(5, 60)), d("2020-12-31"))
                else:
                    cont = rng.randint(0, min(20, age))
                    # insured at least `cont` complete years before 2021-01-01
                    latest = add_years(REF_DATE, -cont) - dt.timedelta(days=1)
                    if cont == 0:
                        # new enrollees: a few joined during 2020
                        earliest = max(b, d("2019-01-01"))
                        latest = d("2020-10-31")
                    else:
                        earliest = max(b, add_years(latest, -3))
                    insu = rand_date(max(earliest, b + dt.timedelta(days=1)), latest)
            else:
                start_work = add_years(b, 20 + rng.randint(0, 4))
                lo = max(start_work, d("1994-01-01"))
                if ptype == "1103":
                    lo = max(lo, d("2008-01-01"))
                hi = d("2019-12-31")
                insu = rand_date(lo, hi) if lo <= hi else rand_date(d("2019-01-01"), hi)
                if ptype == "1201":
                    acct = rng.randint(50000, 800000) / 100
                else:
                    acct = rng.randint(0, 600000) / 100
                    if rng.random() < 0.08:
                        acct = 0.0
            name = make_name(gend, b.year)
            w510 = (ptype == "1101" and gend == 2 and 20 <= age <= 45 and rng.random() < 0.6)
            persons.append(dict(psn_no=make_psn_no(), certno=make_certno(b, gend), name=name,
                                gend=gend, brdy=b, insutype=insutype, psn_type=ptype,
                                insu=insu, cont=cont, acct=acct, w510=w510, fixed=0))
    return persons


# ---------------------------------------------------------------------------
# 4./5. Identities and qualifications
# ---------------------------------------------------------------------------
def pick(persons, pred, k, taken):
    pool = [p for p in persons if not p["fixed"] and p["psn_no"] not in taken and pred(p)]
    chosen = rng.sample(pool, k)
    for p in chosen:
        taken.add(p["psn_no"])
    return chosen


def build_identities(persons):
    rows = []  # (psn_no, type, begin, end)
    taken = set()
    res = lambda p: p["insutype"] == "390"
    adult_res = lambda p: p["psn_type"] == "1501"
    old_res = lambda p: p["psn_type"] == "1501" and age_on(p["brdy"]) >= 60
    child = lambda p: p["psn_type"] in ("1402", "1403")

    rows.append(("37040000000000000002", "2102", "2018-01-01", ""))
    # 特困供养 (older residents)
    for p in pick(persons, old_res, 5, taken):
        rows.append((p["psn_no"], "2101", iso(rand_date(d("2015-01-01"), d("2019-06-30"))), ""))
    # 低保: open, one ended at the end of 2020, one that starts mid-2021
    low = pick(persons, adult_res, 8, taken) + pick(persons, lambda p: p["psn_type"] == "1403", 1, taken)
    for i, p in enumerate(low):
        begin = iso(rand_date(d("2016-01-01"), d("2019-12-31")))
        end = ""
        if i == 0:
            end = "2020-12-31"
        if i == 1:
            begin, end = "2021-07-01", ""
        rows.append((p["psn_no"], "2102", begin, end))
    # 建档立卡: three lifted out at the end of 2020 and monitored (2104) from 2021
    poor = pick(persons, adult_res, 5, taken) + pick(persons, lambda p: p["psn_type"] == "1404", 2, taken)
    for i, p in enumerate(poor):
        begin = iso(rand_date(d("2016-01-01"), d("2018-12-31")))
        if i < 3:
            rows.append((p["psn_no"], "2103", begin, "2020-12-31"))
            rows.append((p["psn_no"], "2104", "2021-01-01", ""))
        else:
            rows.append((p["psn_no"], "2103", begin, ""))
    # 防返贫监测: two newly monitored in 2021
    for p, begin in zip(pick(persons, adult_res, 2, taken), ("2021-06-01", "2021-07-15")):
        rows.append((p["psn_no"], "2104", begin, ""))
    # 孤儿 / 事实无人抚养儿童
    for p in pick(persons, child, 2, taken):
        rows.append((p["psn_no"], "2105", iso(rand_date(max(p["brdy"], d("2016-01-01")),
                                                          d("2019-12-31"))), ""))
    kids = pick(persons, child, 2, taken)
    rows.append((kids[0]["psn_no"], "2106", iso(rand_date(max(kids[0]["brdy"], d("2017-01-01")),
                                                          d("2019-12-31"))), ""))
    rows.append((kids[1]["psn_no"], "2106", "2021-03-01", ""))
    # 优抚对象 (residents and employees), one of them also a low-income resident
    for p in pick(persons, lambda p: age_on(p["brdy"]) >= 30, 5, taken):
        rows.append((p["psn_no"], "2107", iso(rand_date(d("2010-01-01"), d("2019-12-31"))), ""))
    rows.append((low[2]["psn_no"], "2107", iso(rand_date(d("2012-01-01"), d("2018-12-31"))), ""))
    # 计生特殊困难家庭 (50+), one ended
    fam = pick(persons, lambda p: age_on(p["brdy"]) >= 50, 3, taken)
    for i, p in enumerate(fam):
        rows.append((p["psn_no"], "2108", iso(rand_date(d("2014-01-01"), d("2019-12-31"))),
                     "2020-06-30" if i == 0 else ""))
    return rows


def build_qualifications(persons):
    rows = []  # (psn_no, dise, begin, end, fixmedins, course_no, insulin)
    add = lambda *r: rows.append(tuple(r))
    add("37040000000000000008", "M07800", "2020-01-01", "2030-12-31", "", "", "0")
    add("37040000000000000009", "I10", "2020-01-01", "2030-12-31", "", "", "0")
    add("37040000000000000009", "E11", "2020-01-01", "2030-12-31", "", "", "1")
    add("37040000000000000010", "M00500", "2020-01-01", "2030-12-31", "", "", "0")
    add("37040000000000000010", "M00501", "2021-03-01", "2021-08-31", "", "RT2021001", "0")

    taken = set()
    adult = lambda p: age_on(p["brdy"]) >= 25
    older = lambda p: age_on(p["brdy"]) >= 45
    emp = lambda p: p["insutype"] == "310"
    res = lambda p: p["insutype"] == "390"

    # 恶性肿瘤门诊 M00500: residents and employees, some bound to a hospital
    cancer = (pick(persons, lambda p: older(p) and res(p), 4, taken)
              + pick(persons, lambda p: older(p) and emp(p), 3, taken))
    bound = ["", "H37040200001", "", "H37048100001", "", "H37010200001", ""]
    for i, p in enumerate(cancer):
        end = "2020-12-31" if i == 6 else "2030-12-31"
        add(p["psn_no"], "M00500", iso(rand_date(d("2019-03-01"), d("2020-06-30"))), end,
            bound[i], "", "0")
    # 放疗 courses M00501 (each course is one qualification)
    add(cancer[0]["psn_no"], "M00501", "2020-02-01", "2020-05-31", "", "RT2020001", "0")
    add(cancer[1]["psn_no"], "M00501", "2020-08-01", "2021-01-31", "H37040200001", "RT2020002", "0")
    add(cancer[2]["psn_no"], "M00501", "2020-10-01", "2021-03-31", "", "RT2020003", "0")
    add(cancer[2]["psn_no"], "M00501", "2021-03-01", "2021-08-31", "", "RT2021002", "0")
    add(cancer[4]["psn_no"], "M00501", "2020-07-01", "2020-12-31", "", "RT2020004", "0")
    add(cancer[4]["psn_no"], "M00501", "2021-06-01", "2021-11-30", "", "RT2021003", "0")
    # 尿毒症透析 M07800: several bound to the capitation partner
    dial = (pick(persons, lambda p: adult(p) and res(p), 3, taken)
            + pick(persons, lambda p: adult(p) and emp(p), 3, taken))
    dial_bound = ["H37040600001", "H37040600001", "H37048100001", "H37040600001", "", "H37040200001"]
    for p, inst in zip(dial, dial_bound):
        add(p["psn_no"], "M07800", iso(rand_date(d("2019-01-01"), d("2020-03-31"))), "2030-12-31",
            inst, "", "0")
    # 血友病 M06400 (males, one a schoolboy)
    hemo = (pick(persons, lambda p: p["gend"] == 1 and p["psn_type"] == "1403", 1, taken)
            + pick(persons, lambda p: p["gend"] == 1 and adult(p) and res(p), 1, taken)
            + pick(persons, lambda p: p["gend"] == 1 and adult(p) and emp(p), 1, taken))
    for p in hemo:
        add(p["psn_no"], "M06400", iso(rand_date(d("2019-01-01"), d("2019-12-31"))), "2030-12-31",
            "", "", "0")
    # 器官移植抗排异 M08300
    for i, p in enumerate(pick(persons, lambda p: adult(p) and res(p), 2, taken)
                          + pick(persons, lambda p: adult(p) and emp(p), 1, taken)):
        add(p["psn_no"], "M08300", iso(rand_date(d("2019-01-01"), d("2020-06-30"))), "2030-12-31",
            "H37010200001" if i == 0 else "", "", "0")
    # centralized diseases: M01600, M03000, M02100 (one of each starting mid-2021)
    for code, pred in (("M01600", older), ("M03000", older), ("M02100", adult)):
        group = (pick(persons, lambda p: pred(p) and res(p), 2, taken)
                 + pick(persons, lambda p: pred(p) and emp(p), 1, taken))
        for i, p in enumerate(group):
            begin = "2021-07-01" if i == 1 else iso(rand_date(d("2019-04-01"), d("2020-04-01")))
            add(p["psn_no"], code, begin, "2030-12-31", "", "", "0")
    # 两病 (residents only): hypertension only, diabetes only, both, insulin users
    lb = lambda p: p["psn_type"] == "1501" and age_on(p["brdy"]) >= 35
    for i, p in enumerate(pick(persons, lb, 6, taken)):          # I10 only
        end = "2020-12-31" if i == 0 else "2030-12-31"
        add(p["psn_no"], "I10", iso(rand_date(d("2019-01-01"), d("2020-06-30"))), end, "", "", "0")
    for i, p in enumerate(pick(persons, lb, 4, taken)):          # E11 only (2 on insulin)
        begin = "2021-07-01" if i == 3 else iso(rand_date(d("2019-01-01"), d("2020-06-30")))
        add(p["psn_no"], "E11", begin, "2030-12-31", "", "", "1" if i < 2 else "0")
    for i, p in enumerate(pick(persons, lb, 5, taken)):          # both
        b = iso(rand_date(d("2019-01-01"), d("2020-06-30")))
        add(p["psn_no"], "I10", b, "2030-12-31", "", "", "0")
        add(p["psn_no"], "E11", b if i % 2 == 0 else "2021-04-01", "2030-12-31", "", "",
            "1" if i == 0 else "0")
    # a diabetic with serious complications also registered for 两病 E11
    m016 = [r for r in rows if r[1] == "M01600"]
    p0 = next(p for p in persons if p["psn_no"] == m016[0][0])
    if p0["insutype"] == "390":
        add(p0["psn_no"], "E11", "2019-06-01", "2030-12-31", "", "", "1")
    return rows


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------
HEADERS = {
    "institutions.csv": ["fixmedins_code", "fixmedins_name", "fixmedins_type", "hosp_lv",
                         "admdvs", "dialysis_partner"],
    "catalog.csv": ["med_list_codg", "med_list_name", "list_type", "chrgitm_lv",
                    "med_chrgitm_type", "selfpay_prop", "pric_uplmt_amt", "nego_flag",
                    "special_flag", "begndate", "enddate"],
    "persons.csv": ["psn_no", "psn_cert_type", "certno", "psn_name", "gend", "brdy", "admdvs",
                    "insutype", "psn_type", "psn_insu_date", "cont_years", "acct_balc"],
    "identities.csv": ["psn_no", "psn_idet_type", "begndate", "enddate"],
    "qualifications.csv": ["psn_no", "dise_codg", "begndate", "enddate", "fixmedins_code",
                           "course_no", "insulin_flag"],
}


def write_csv(name, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADERS[name])
    for r in rows:
        w.writerow([str(x) for x in r])
    with open(os.path.join(OUT_DIR, name), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def read_csv(name):
    with open(os.path.join(OUT_DIR, name), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


# ---------------------------------------------------------------------------
# Validation (re-reads the written files)
# ---------------------------------------------------------------------------
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
errors = []


def check(cond, msg):
    if not cond:
        errors.append(msg)


def valid_date(s):
    if not DATE_RE.match(s):
        return False
    try:
        dt.date.fromisoformat(s)
        return True
    except ValueError:
        return False


def validate():
    tables = {}
    for name, header in HEADERS.items():
        h, rows = read_csv(name)
        check(h == header, "%s: header %r" % (name, h))
        for i, r in enumerate(rows, 2):
            check(len(r) == len(header), "%s line %d: %d columns" % (name, i, len(r)))
        tables[name] = [dict(zip(header, r)) for r in rows]

    # institutions
    inst = {}
    for r in tables["institutions.csv"]:
        c = r["fixmedins_code"]
        check(c not in inst, "duplicate institution " + c)
        inst[c] = r
        check(re.match(r"^[HP]\d{11}$", c) is not None, "institution code " + c)
        check(c[0] == r["fixmedins_type"], "institution type " + c)
        check(c[1:7] == r["admdvs"], "institution admdvs " + c)
        check(r["hosp_lv"] in "0123" and len(r["hosp_lv"]) == 1, "hosp_lv " + c)
        check(r["fixmedins_type"] == "H" or r["hosp_lv"] == "0", "pharmacy level " + c)
        check(r["dialysis_partner"] in ("0", "1"), "dialysis flag " + c)
    partners = [c for c, r in inst.items() if r["dialysis_partner"] == "1"]
    check(partners == ["H37040600001"], "dialysis partners %r" % partners)
    for lv in "0123":
        check(any(r["hosp_lv"] == lv and r["fixmedins_type"] == "H" and r["admdvs"].startswith("3704")
                  for r in inst.values()), "no in-region hospital of level " + lv)

    # catalogue
    formats = {
        "X": re.compile(r"^X[A-Z]\d{2}[A-Z]{2}[A-Z0-9]{17}$"),
        "Z": re.compile(r"^Z[A-Z0-9]{22}$"),
        "102": re.compile(r"^T\d{9}$"),
        "106": re.compile(r"^T\d{19}$"),
        "201": re.compile(r"^\d{15}$"),
        "301": re.compile(r"^C[0-9A-Z]{19}$"),
    }
    codes = set()
    for r in tables["catalog.csv"]:
        c, lt, lv = r["med_list_codg"], r["list_type"], r["chrgitm_lv"]
        check(c not in codes, "duplicate item " + c)
        codes.add(c)
        if lt == "101":
            check(c[0] in "XZ" and len(c) == 23 and formats[c[0]].match(c) is not None,
                  "drug code " + c)
            check(r["med_chrgitm_type"] == ("09" if c[0] == "X" else "11"), "drug type " + c)
        else:
            check(lt in formats and formats[lt].match(c) is not None, "item code %s (%s)" % (c, lt))
        check(lv in ("01", "02", "03"), "chrgitm_lv " + c)
        p = r["selfpay_prop"]
        check(re.match(r"^(0|1|0\.\d{1,4})$", p) is not None, "selfpay format " + c)
        if lv == "01":
            check(p == "0", "甲 selfpay " + c)
        elif lv == "02":
            check(0.05 <= float(p) <= 0.3, "乙 selfpay " + c)
        else:
            check(p == "1", "丙 selfpay " + c)
        cap = r["pric_uplmt_amt"]
        check(cap == "" or re.match(r"^\d+\.\d{2}$", cap) is not None, "cap " + c)
        check(r["nego_flag"] in ("0", "1") and r["special_flag"] in ("0", "1"), "flags " + c)
        check(r["special_flag"] == "0" or r["nego_flag"] == "1", "special not nego " + c)
        check(valid_date(r["begndate"]), "begndate " + c)
        check(r["enddate"] == "" or (valid_date(r["enddate"]) and r["enddate"] >= r["begndate"]),
              "enddate " + c)
        check(r["med_chrgitm_type"] in ["%02d" % i for i in range(1, 15)], "med_chrgitm_type " + c)

    # persons
    by_psn = {}
    certs = {}
    for r in tables["persons.csv"]:
        pn = r["psn_no"]
        check(re.match(r"^3704\d{16}$", pn) is not None, "psn_no " + pn)
        key = (pn, r["insutype"])
        check(key not in by_psn, "duplicate person row %r" % (key,))
        by_psn[key] = r
        cn = r["certno"]
        check(certs.setdefault(cn, pn) == pn, "certno shared " + cn)
        check(re.match(r"^3704\d{13}[\dX]$", cn) is not None, "certno format " + cn)
        check(id_check_char(cn[:17]) == cn[17], "certno checksum " + cn)
        check(r["psn_cert_type"] == "01", "cert type " + pn)
        check(cn[6:14] == r["brdy"].replace("-", ""), "certno birthdate " + cn)
        check(int(cn[16]) % 2 == (1 if r["gend"] == "1" else 0), "certno gender " + cn)
        check(valid_date(r["brdy"]) and valid_date(r["psn_insu_date"]), "dates " + pn)
        check(r["psn_insu_date"] >= r["brdy"], "insured before birth " + pn)
        check(r["admdvs"] == "370400", "admdvs " + pn)
        check(re.match(r"^\d+\.\d{2}$", r["acct_balc"]) is not None, "acct format " + pn)
        it, pt = r["insutype"], r["psn_type"]
        age = age_on(d(r["brdy"]))
        if it == "390":
            check(pt in ("1401", "1402", "1403", "1404", "1501"), "resident type " + pn)
            check(r["acct_balc"] == "0.00", "resident account " + pn)
            cy = int(r["cont_years"])
            check(0 <= cy <= 20 and cy <= max(age, 0), "cont_years " + pn)
            check(d(r["psn_insu_date"]) <= add_years(REF_DATE, -cy), "cont_years vs insu " + pn)
        elif it == "310":
            check(pt in ("1101", "1102", "1103", "1201"), "employee type " + pn)
        elif it != "510":
            check(False, "insutype " + it)
        ok_age = {
            "1101": 18 <= age <= 60, "1102": 18 <= age <= 60, "1103": 18 <= age <= 60,
            "1201": age >= 55, "1401": age < 1, "1402": 1 <= age <= 6, "1403": 6 <= age <= 18,
            "1404": 18 <= age <= 24, "1501": age >= 16,
        }[pt]
        check(ok_age, "age %d vs psn_type %s for %s" % (age, pt, pn))
    for (pn, it), r in by_psn.items():
        if it == "510":
            e = by_psn.get((pn, "310"))
            check(e is not None, "510 without 310 " + pn)
            if e:
                check(e["psn_type"] == r["psn_type"] and e["certno"] == r["certno"]
                      and r["gend"] == "2" and r["acct_balc"] == "0.00", "510 row " + pn)
    psn_nos = {pn for pn, _ in by_psn}
    residents = {pn for pn, it in by_psn if it == "390"}

    # identities
    for r in tables["identities.csv"]:
        check(r["psn_no"] in psn_nos, "identity of unknown person " + r["psn_no"])
        check(r["psn_idet_type"] in ["21%02d" % i for i in range(1, 9)], "identity code")
        check(valid_date(r["begndate"]), "identity begndate")
        check(r["enddate"] == "" or (valid_date(r["enddate"]) and r["enddate"] >= r["begndate"]),
              "identity enddate")

    # qualifications
    mts = {"M00500", "M00501", "M07800", "M06400", "M08300", "M01600", "M03000", "M02100"}
    seen = set()
    courses = set()
    for r in tables["qualifications.csv"]:
        pn, dc = r["psn_no"], r["dise_codg"]
        seen.add(dc)
        check(pn in psn_nos, "qualification of unknown person " + pn)
        check(dc in mts or dc in ("I10", "E11"), "dise_codg " + dc)
        if dc in ("I10", "E11"):
            check(pn in residents, "两病 for a non-resident " + pn)
        check(valid_date(r["begndate"]) and valid_date(r["enddate"])
              and r["enddate"] >= r["begndate"], "qualification dates " + pn)
        check(r["fixmedins_code"] == "" or r["fixmedins_code"] in inst,
              "qualification institution " + r["fixmedins_code"])
        check(r["fixmedins_code"] == "" or r["fixmedins_code"].startswith("H"),
              "qualification bound to a pharmacy")
        if dc == "M00501":
            check(r["course_no"] != "" and r["course_no"] not in courses, "course_no " + pn)
            courses.add(r["course_no"])
        else:
            check(r["course_no"] == "", "course_no on " + dc)
        check(r["insulin_flag"] in ("0", "1"), "insulin_flag")
        check(r["insulin_flag"] == "0" or dc == "E11", "insulin_flag on " + dc)
    check(mts | {"I10", "E11"} <= seen, "missing diseases %r" % sorted(mts | {"I10", "E11"} - seen))
    quals = tables["qualifications.csv"]
    for r in quals:
        if r["dise_codg"] == "M00501":
            check(any(q["psn_no"] == r["psn_no"] and q["dise_codg"] == "M00500"
                      and q["begndate"] <= r["begndate"] for q in quals),
                  "radiotherapy course without M00500 " + r["course_no"])
    brdy = {pn: r["brdy"] for (pn, _), r in by_psn.items()}
    for name in ("identities.csv", "qualifications.csv"):
        for r in tables[name]:
            check(r["begndate"] >= brdy.get(r["psn_no"], ""), "%s begins before birth %s" % (name, r["psn_no"]))

    # the fixed codes promised to tests and the README
    fixed_inst = {
        "H37040200001": ("枣庄市立医院", "H", "3", "370402", "0"),
        "H37040600001": ("山亭区人民医院", "H", "2", "370406", "1"),
        "H37010200001": ("山东大学齐鲁医院", "H", "3", "370102", "0"),
    }
    for c, v in fixed_inst.items():
        r = inst.get(c)
        check(r is not None and (r["fixmedins_name"], r["fixmedins_type"], r["hosp_lv"], r["admdvs"],
                                 r["dialysis_partner"]) == v, "fixed institution " + c)
    for c, lv, adm, typ in (("H37040200002", "2", "370402", "H"), ("H37040300001", "1", "370403", "H"),
                            ("H37040300101", "0", "370403", "H"), ("P37040200001", "0", "370402", "P")):
        r = inst.get(c)
        check(r is not None and (r["hosp_lv"], r["admdvs"], r["fixmedins_type"]) == (lv, adm, typ),
              "fixed institution " + c)
    for (n, it, pt, g, b, _name, cont, acct, _insu, w510) in FIXED_PERSONS:
        pn = "3704%016d" % n
        r = by_psn.get((pn, it))
        check(r is not None and (r["psn_type"], r["gend"], r["brdy"], r["cont_years"], r["acct_balc"])
              == (pt, str(g), b, str(cont), money(acct)), "fixed person %d" % n)
        check(((pn, "510") in by_psn) == w510, "fixed person %d 510 row" % n)
    return tables


# ---------------------------------------------------------------------------
# README
# ---------------------------------------------------------------------------
def lv_name(lv):
    return {"01": "甲", "02": "乙", "03": "丙"}[lv]


def readme(items, persons, idents, quals, counts):
    L = []
    A = L.append
    A("# Demo region 370400 — reference data")
    A("")
    A("Generated by `scripts/make-demo-data.py` (deterministic, seed %d); do not edit by hand —" % SEED)
    A("change the generator and re-run `python3 scripts/make-demo-data.py`.")
    A("The benefit policy is `demo-region-policy.md`. Prices below are *typical* unit prices")
    A("(the catalogue carries no price; `pric` comes with each fee line).")
    A("")
    A("| file | rows |")
    A("|---|---|")
    for k, v in counts:
        A("| `%s` | %d |" % (k, v))
    A("")
    A("## Institutions")
    A("")
    A("| code | name | level | admdvs | note |")
    A("|---|---|---|---|---|")
    notes = {
        "H37040200001": "in region, level 3",
        "H37040200002": "in region, level 2",
        "H37040300001": "in region, level 1 (乡镇卫生院)",
        "H37040300101": "in region, level 0 (村卫生室)",
        "H37040600001": "level 2, **dialysis capitation partner**",
        "H37010200001": "**out of region**, level 3 (referral target)",
        "P37040200001": "pharmacy (双通道)",
    }
    inst = {r[0]: r for r in INSTITUTIONS}
    for code, note in notes.items():
        r = inst[code]
        A("| `%s` | %s | %d | %s | %s |" % (code, r[1], r[3], r[4], note))
    A("")
    A("## Catalogue items")
    A("")
    A("| purpose | med_list_codg | name | list_type | lv | selfpay_prop | cap | nego/special | valid | typical price |")
    A("|---|---|---|---|---|---|---|---|---|---|")
    for it in items:
        if not it["handy"]:
            continue
        flags = "/".join(x for x, on in (("nego", it["nego"]), ("special", it["special"])) if on) or "-"
        valid = it["begin"] + " – " + (it["end"] or "open")
        A("| %s | `%s` | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            it["handy"], it["code"], it["name"], it["list_type"], lv_name(it["lv"]), it["prop"],
            it["cap"] or "-", flags, valid, it["price"]))
    A("")
    A("## Persons")
    A("")
    A("| psn_no | name | certno | insutype | psn_type | gend | brdy | cont_years | acct_balc | identities / qualifications |")
    A("|---|---|---|---|---|---|---|---|---|---|")
    for p in persons:
        if not p["fixed"]:
            continue
        extra = []
        for (pn, t, b, e) in idents:
            if pn == p["psn_no"]:
                extra.append("identity %s %s – %s" % (t, b, e or "open"))
        for (pn, dc, b, e, fx, course, ins) in quals:
            if pn == p["psn_no"]:
                s = "%s %s – %s" % (dc, b, e)
                if fx:
                    s += " at " + fx
                if course:
                    s += " course " + course
                if ins == "1":
                    s += " insulin"
                extra.append(s)
        it = p["insutype"] + ("+510" if p["w510"] else "")
        A("| `%s` | %s | `%s` | %s | %s | %s | %s | %d | %s | %s |" % (
            p["psn_no"], p["name"], p["certno"], it, p["psn_type"], p["gend"], iso(p["brdy"]),
            p["cont"], money(p["acct"]), "; ".join(extra) or "none"))
    A("")
    A("Other persons, identities (2101–2108) and qualifications (every 门慢特 code, 两病 I10/E11,")
    A("radiotherapy courses RT2020001–RT2020004 and RT2021001–RT2021003, dialysis bound to")
    A("H37040600001) are generated; look them up in the CSV files.")
    A("")
    with open(os.path.join(OUT_DIR, "README.md"), "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(L))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    items = build_catalog()
    persons = build_persons()
    idents = build_identities(persons)
    quals = build_qualifications(persons)

    write_csv("institutions.csv", [list(r) for r in INSTITUTIONS])
    write_csv("catalog.csv", [[it["code"], it["name"], it["list_type"], it["lv"], it["type"],
                               it["prop"], it["cap"], int(it["nego"]), int(it["special"]),
                               it["begin"], it["end"]] for it in items])
    prow = []
    for p in persons:
        base = [p["psn_no"], "01", p["certno"], p["name"], p["gend"], iso(p["brdy"]), "370400"]
        prow.append(base + [p["insutype"], p["psn_type"], iso(p["insu"]), p["cont"], money(p["acct"])])
        if p["w510"]:
            prow.append(base + ["510", p["psn_type"], iso(p["insu"]), 0, "0.00"])
    write_csv("persons.csv", prow)
    write_csv("identities.csv", idents)
    write_csv("qualifications.csv", quals)

    tables = validate()
    counts = [(k, len(v)) for k, v in tables.items()]
    readme(items, persons, idents, quals, counts)

    # statistics
    cat = tables["catalog.csv"]
    print("institutions: %d" % len(tables["institutions.csv"]))
    print("catalog: %d items; list_type %s; lv %s; caps %d; nego %d; special %d; begin-2021 %d; ended %d" % (
        len(cat), dict(sorted(Counter(r["list_type"] for r in cat).items())),
        dict(sorted(Counter(r["chrgitm_lv"] for r in cat).items())),
        sum(1 for r in cat if r["pric_uplmt_amt"]), sum(1 for r in cat if r["nego_flag"] == "1"),
        sum(1 for r in cat if r["special_flag"] == "1"),
        sum(1 for r in cat if r["begndate"] == "2021-01-01"), sum(1 for r in cat if r["enddate"])))
    pr = tables["persons.csv"]
    people = {r["psn_no"] for r in pr}
    res = [r for r in pr if r["insutype"] == "390"]
    print("persons: %d people, %d rows; insutype %s; psn_type %s" % (
        len(people), len(pr), dict(sorted(Counter(r["insutype"] for r in pr).items())),
        dict(sorted(Counter(r["psn_type"] for r in pr if r["insutype"] != "510").items()))))
    print("residents cont_years >= 5: %d, < 5: %d; insured from 2020 on: %d" % (
        sum(1 for r in res if int(r["cont_years"]) >= 5), sum(1 for r in res if int(r["cont_years"]) < 5),
        sum(1 for r in pr if r["psn_insu_date"] >= "2020-01-01" and r["insutype"] != "510")))
    print("identities: %d rows; %s" % (len(tables["identities.csv"]),
          dict(sorted(Counter(r["psn_idet_type"] for r in tables["identities.csv"]).items()))))
    print("qualifications: %d rows; %s" % (len(tables["qualifications.csv"]),
          dict(sorted(Counter(r["dise_codg"] for r in tables["qualifications.csv"]).items()))))
    if errors:
        print("VALIDATION FAILED (%d):" % len(errors), file=sys.stderr)
        for e in errors[:50]:
            print("  " + e, file=sys.stderr)
        sys.exit(1)
    print("validation: OK")


if __name__ == "__main__":
    main()
