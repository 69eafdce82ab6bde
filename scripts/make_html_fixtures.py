#!/usr/bin/env python3
"""Write the CJK web-page fixtures of fixtures/clean/ in their legacy encodings.

The pages are written here as text and saved as GBK (declared gb2312 by <meta http-equiv>)
and Shift_JIS (declared by <meta charset>), so that the fixture files hold those bytes.
usage: python3 scripts/make_html_fixtures.py   (from the repository root)
"""
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "clean"
zh = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>长江流域今年降水偏多 - 新闻中心 - 示例网</title>
<style>body { font-family: SimSun; }</style>
<script>var 统计 = "不要输出这段脚本";</script>
</head>
<body>
<div id="top-bar"><a href="/">首页</a> | <a href="/login">登录</a> | <a href="/reg">注册</a></div>
<header class="site-header"><a href="/"><img src="logo.png" alt="示例网"></a>
<nav><ul><li><a href="/news">新闻</a></li><li><a href="/sports">体育</a></li><li><a href="/finance">财经</a></li><li><a href="/tech">科技</a></li></ul></nav>
</header>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/news">新闻中心</a> &gt; 正文</div>
<div class="wrap">
<div class="main-content">
<h1>长江流域今年降水偏多</h1>
<div class="share-bar"><a href="#">分享到微博</a> <a href="#">分享到微信</a></div>
<p>据水利部长江水利委员会介绍，今年入汛以来，长江流域降水量较常年同期偏多两成，中下游部分地区偏多五成以上，多条支流发生超警戒水位洪水。</p>
<p>专家表示，受副热带高压位置偏北等因素影响，今年梅雨期比往年更长，降雨过程频繁，各地需要继续做好防汛准备，确保人民群众生命财产安全。</p>
<h2>各地积极应对</h2>
<p>湖北、湖南、江西等省已启动防汛应急响应，组织力量对重点堤段进行巡查，并提前转移低洼地区的群众。</p>
<ul>
<li>加强水库调度，腾出防洪库容；</li>
<li>加密监测预报，及时发布预警信息。</li>
</ul>
<figure><img src="flood.jpg" alt=""><figcaption>图为江西九江段长江水位持续上涨。</figcaption></figure>
<p>气象部门预计，未来十天长江中下游仍有两次较强降雨过程，防汛形势依然严峻。</p>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/n/1">南方多地出现强降雨</a></li><li><a href="/n/2">国家防总启动四级应急响应</a></li><li><a href="/n/3">气象台发布暴雨蓝色预警</a></li></ul></div>
</div>
<aside class="sidebar"><h3>热点排行</h3><ol><li><a href="/h/1">新能源汽车销量再创新高</a></li><li><a href="/h/2">高考成绩今日公布</a></li><li><a href="/h/3">多地出台楼市新政</a></li></ol></aside>
</div>
<footer><p>版权所有 &copy; 2024 示例网 京ICP备12345678号</p><p><a href="/about">关于我们</a> | <a href="/contact">联系我们</a></p></footer>
</body>
</html>
"""
ja = """<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="Shift_JIS">
<title>桜の開花、平年より早く | 地域ニュース</title>
<script type="text/javascript">document.write("広告");</script>
</head>
<body>
<div id="header"><div class="logo">地域ニュース</div>
<ul class="global-nav"><li><a href="/">トップ</a></li><li><a href="/local">地域</a></li><li><a href="/weather">天気</a></li><li><a href="/sports">スポーツ</a></li></ul></div>
<div id="container">
<div id="main" role="main">
<article>
<h1>桜の開花、平年より早く</h1>
<p class="date">2024年3月20日</p>
<p>気象台は二十日、市内の標本木で桜の開花を確認したと発表しました。平年より五日早く、昨年と比べても三日早い開花となりました。</p>
<p>三月に入ってから気温の高い日が続いたことが、開花を早めた主な理由とみられています。満開は一週間ほど後になる見込みです。</p>
<h2>各地の見ごろ</h2>
<table>
<tr><th>地点</th><th>開花</th><th>満開予想</th></tr>
<tr><td>中央公園</td><td>三月二十日</td><td>三月二十七日</td></tr>
<tr><td>城跡公園</td><td>三月二十二日</td><td>三月二十九日</td></tr>
</table>
<p>市の観光課は「週末には多くの花見客が訪れると予想されるので、公共交通機関を利用してほしい」と呼びかけています。</p>
</article>
<div class="sns-share"><a href="#">ツイート</a><a href="#">シェア</a><a href="#">LINEで送る</a></div>
<div class="comments"><h3>コメント</h3><p>きれいですね！週末に行ってみます。</p></div>
</div>
<div id="side" role="complementary"><h3>アクセスランキング</h3><ol><li><a href="/r/1">新駅の建設計画が決定</a></li><li><a href="/r/2">市長選の日程が決まる</a></li></ol></div>
</div>
<div id="footer" role="contentinfo"><small>Copyright (C) 2024 地域ニュース All Rights Reserved.</small></div>
</body>
</html>
"""
open(OUT / 'html-zh-gbk.in.html','wb').write(zh.encode('gbk'))
open(OUT / 'html-ja-shift-jis.in.html','wb').write(ja.encode('shift_jis'))
