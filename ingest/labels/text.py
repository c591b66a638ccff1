"""Normalise OCR text once, before extraction: NFKC, Japanese without spaces, Japanese glyph forms.

Why: Tesseract's Japanese model puts spaces between kanji and kana (`株 式 会 社`), and the PP-OCR
models that RapidOCR ships were trained mostly on Chinese, so they often emit the simplified glyph of
a character that a Japanese label prints in its Japanese form (增 for 増, 电 for 電). Extraction and
linking compare text, so both engines' output is brought to the form a Japanese label prints.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["GLYPH_VARIANTS", "is_japanese_char", "normalise_line", "normalise_text"]

# Simplified-Chinese (or Chinese-only) glyphs → the Japanese form. Only characters that do not
# occur in ordinary Japanese text are listed: 机 (desk), 叶, 干, 后, 里 … are deliberately left out.
_VARIANT_PAIRS = (
    "增増 产産 业業 电電 气気 变変 换換 测測 计計 传伝 动動 压圧 发発 东東 县県 广広 滨浜 鹭鷺 进進 种種 "
    "类類 质質 个個 该該 过過 热熱 线線 镜鏡 头頭 钢鋼 铁鉄 铜銅 输輸 续続 转転 载載 连連 运運 圆円 单単 "
    "价価 检検 验験 仪儀 应応 处処 宫宮 岛島 冈岡 长長 诹諏 访訪 桥橋 泽沢 荣栄 驿駅 铃鈴 门門 间間 问問 "
    "阳陽 际際 险険 难難 项項 顺順 须須 领領 风風 飞飛 马馬 鸟鳥 龙竜 齐斉 经経 结結 统統 综総 绿緑 编編 "
    "缩縮 罗羅 视視 觉覚 观観 规規 订訂 认認 记記 设設 证証 评評 识識 话話 详詳 语語 说説 请請 读読 调調 "
    "贸貿 费費 资資 购購 车車 轨軌 软軟 轮輪 边辺 达達 远遠 选選 适適 铅鉛 银銀 锁鎖 开開 关関 队隊 阶階 "
    "陆陸 华華 协協 卫衛 图図 块塊 场場 备備 复復 实実 对対 导導 层層 库庫 废廃 异異 张張 弹弾 归帰 录録 "
    "总総 恶悪 战戦 扩拡 报報 择択 损損 无無 时時 术術 极極 构構 标標 样様 济済 满満 滤濾 环環 现現 监監 "
    "盘盤 础礎 确確 离離 积積 稳穏 笔筆 简簡 紧緊 纤繊 约約 级級 纪紀 纸紙 组組 细細 织織 终終 给給 络絡 "
    "继継 维維 网網 胶膠 脑脳 节節 范範 营営 药薬 见見 览覧 议議 讲講 贵貴 钱銭 错錯 键鍵 闭閉 阵陣 陈陳 "
    "频頻 题題 额額 驱駆 涩渋 图図 称称 湾湾 数数 携携 兴興 举挙 乐楽 亚亜 严厳 丽麗 义義 乌烏 书書 "
    "买買 卖売 亿億 优優 众衆 伤傷 们們 闻聞 丰豊 临臨 为為 产産 亲親 仓倉 从従 仅僅 众衆 会会 伟偉 "
    "厂廠 历歴 压圧 厅庁 县県 参参 双双 变変 号号 叶叶 吕呂 启啓 员員 园園 围囲 国国 坏壊 坛壇 垒塁 "
    "壳殻 处処 备備 够夠 奋奮 妇婦 孙孫 学学 宁寧 宝宝 宽寛 寻尋 导導 尔爾 尘塵 尽尽 岁歳 岩岩 峡峡 "
    "币幣 师師 带帯 帮幇 干干 并併 广広 庄荘 库庫 庙廟 应応 庐廬 开開 异異 弃棄 张張 径径 忆憶 "
    "态態 总総 恋恋 恳懇 惊驚 惯慣 戏戯 户戸 扑撲 执執 扫掃 扬揚 护護 担担 拥擁 拨撥 挂掛 挥揮 "
    "损損 换換 携携 摄摂 敌敵 斗闘 断断 无無 旧旧 昼昼 显顕 晓暁 术術 杀殺 杂雑 权権 条条 来来 "
    "杨楊 松松 极極 构構 枪槍 标標 栈桟 样様 树樹 桥橋 梦夢 检検 楼楼 欧欧 步歩 残残 毁毀 气気 汉漢 "
    "汤湯 沟溝 没没 泪涙 泽沢 洁潔 浅浅 浊濁 测測 济済 浓濃 涂塗 润潤 涨漲 渊淵 渐漸 温温 湿湿 "
    "满満 滚滾 滞滞 澜瀾 灭滅 灯灯 灵霊 炉炉 点点 炼錬 烟煙 烦煩 烧焼 热熱 焕煥 爱愛 牵牽 犹猶 狭狭 "
    "独独 狮獅 猎猟 献献 环環 现現 电電 画画 畅暢 疗療 疮瘡 皱皺 盐塩 监監 盖蓋 盘盤 码碼 砖磚 础礎 "
    "硕碩 确確 碍碍 礼礼 祸禍 离離 秃禿 秆稈 积積 称称 稳穏 穷窮 窃窃 竞競 笔筆 笼籠 筑築 简簡 "
    "粮糧 紧緊 纠糾 红紅 纤繊 约約 级級 纪紀 纯純 纲綱 纳納 纵縦 纷紛 纸紙 纹紋 纺紡 练練 组組 细細 "
    "织織 终終 绍紹 经経 绑綁 绕繞 绘絵 给給 络絡 绝絶 统統 继継 绩績 绪緒 续続 绳縄 维維 绵綿 综総 "
    "绿緑 缓緩 编編 缘縁 缩縮 缴繳 罚罰 罢罷 职職 联聯 聪聡 肃粛 肠腸 肤膚 肿腫 胀脹 胁脅 胜勝 脉脈 "
    "脏臓 脑脳 舍舎 舰艦 艺芸 节節 芜蕪 苏蘇 范範 茧繭 荐薦 荡蕩 获獲 莹瑩 营営 萧蕭 蓝藍 虑慮 虚虚 "
    "虫虫 虽雖 蚀蝕 蚁蟻 补補 衬襯 袭襲 装装 观観 规規 觅覓 视視 览覧 觉覚 誉誉 计計 订訂 认認 讨討 "
    "让譲 训訓 议議 讯訊 记記 讲講 许許 论論 设設 访訪 证証 评評 识識 诉訴 诊診 词詞 译訳 试試 诗詩 "
    "诚誠 话話 诞誕 询詢 该該 详詳 语語 误誤 说説 请請 诸諸 读読 课課 谁誰 调調 谈談 谊誼 谋謀 谍諜 "
    "谢謝 谣謡 谦謙 谨謹 谱譜 贝貝 贞貞 负負 贡貢 财財 责責 贤賢 败敗 货貨 质質 贩販 贫貧 购購 贯貫 "
    "贴貼 贵貴 贷貸 贸貿 费費 贺賀 资資 赏賞 赖頼 赠贈 赵趙 趋趨 跃躍 践践 踪踪 车車 轨軌 轩軒 转転 "
    "轮輪 软軟 轴軸 轻軽 载載 较較 辅輔 辈輩 辉輝 输輸 辞辞 边辺 辽遼 达達 迁遷 过過 迈邁 运運 还還 "
    "这這 进進 远遠 违違 连連 迟遅 适適 选選 递逓 逻邏 遗遺 邮郵 邻隣 郑鄭 酱醤 释釈 鉴鑑 针針 钉釘 "
    "钓釣 钙鈣 钝鈍 钞鈔 钟鐘 钢鋼 钥鑰 钦欽 钩鉤 钱銭 钻鑽 铁鉄 铃鈴 铅鉛 铜銅 铝鋁 铭銘 铸鋳 铺舗 "
    "销銷 锁鎖 锅鍋 锈銹 锋鋒 锐鋭 错錯 锡錫 锦錦 键鍵 锻鍛 镇鎮 镜鏡 长長 门門 闪閃 闭閉 问問 "
    "闲閑 间間 闷悶 闸閘 闹鬧 闻聞 阀閥 阁閣 阅閲 队隊 阳陽 阴陰 阵陣 阶階 际際 陆陸 陈陳 陕陝 险険 "
    "随随 隐隠 隶隷 难難 雏雛 雾霧 静静 韩韓 页頁 顶頂 项項 顺順 须須 顽頑 顾顧 顿頓 预預 领領 频頻 "
    "题題 颜顔 额額 风風 飞飛 饭飯 饮飲 馆館 驱駆 驶駛 驾駕 验験 骑騎 骤驟 鱼魚 鲁魯 鲜鮮 鸡鶏 鸣鳴 "
    "鹤鶴 麦麦 黄黄 齿歯 龄齢 龟亀 值値 巢巣 莲蓮 团団 宫宮 蚕蚕 严厳 况況 减減 凉涼 净浄"
)
GLYPH_VARIANTS: dict[str, str] = {
    pair[0]: pair[1] for pair in _VARIANT_PAIRS.split() if len(pair) == 2 and pair[0] != pair[1]
}
_TRANSLATE = str.maketrans(GLYPH_VARIANTS)

# Japanese script: CJK ideographs, kana, the iteration and prolonged-sound marks, full-width forms.
_JA = "\u3005\u3006\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u30fc\uff66-\uff9f"
_JA_CHAR = re.compile(f"[{_JA}]")
_SPACE_BETWEEN_JA = re.compile(f"(?<=[{_JA}])[ \u3000\t]+(?=[{_JA}])")
# `品名 : 赤外線カメラ`: the colon of a Japanese key sticks to the Japanese on both sides.
_SPACE_BEFORE_JA_PUNCT = re.compile(f"(?<=[{_JA}])[ \u3000\t]+(?=[:、。・])")
_SPACE_AFTER_JA_PUNCT = re.compile(f"(?<=[{_JA}][:、。・])[ \u3000\t]+(?=[{_JA}])")
_RUNS_OF_SPACE = re.compile(r"[ \t\u3000]+")


def is_japanese_char(char: str) -> bool:
    return bool(_JA_CHAR.fullmatch(char))


def normalise_line(text: str) -> str:
    """One OCR line as a Japanese label prints it: NFKC, Japanese glyphs, no spaces inside Japanese."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    # NFKC turns the full-width colon into ':'; a glyph mapping can never produce a non-NFKC form.
    text = _SPACE_BETWEEN_JA.sub("", text)
    text = _SPACE_AFTER_JA_PUNCT.sub("", _SPACE_BEFORE_JA_PUNCT.sub("", text))
    return _RUNS_OF_SPACE.sub(" ", text).strip()


def normalise_text(text: str) -> str:
    """Every line normalised, empty lines dropped."""
    lines = (normalise_line(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
