namespace Igt.Runner.Report;

/// <summary>The report's inline stylesheet and script (plain JS, no library): the file must open offline.</summary>
public static class ReportAssets
{
    public const string Css = """
        body{font:14px/1.4 system-ui,sans-serif;margin:1em 2em;color:#222}
        h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc}h4{margin:.6em 0 .2em}
        table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left;vertical-align:top}
        table.kv th{color:#555;font-weight:normal}#results tbody tr:nth-child(even){background:#f6f6f6}
        .num{text-align:right;font-variant-numeric:tabular-nums}
        .st{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;background:#888;font-size:.9em}
        .st.pass{background:#3a3}.st.skip{background:#aaa}.st.notrun,.st.absent{background:#ccc;color:#333}
        .st.warn{background:#db3;color:#222}.st.dmesg-warn{background:#e93}.st.fail{background:#d33}.st.dmesg-fail{background:#b22}
        .st.timeout{background:#a3c}.st.crash{background:#722}.st.incomplete{background:#555}.st.abort{background:#000}
        .cat{margin-right:1em;font-weight:bold}
        pre{background:#f4f4f4;padding:6px;max-height:30em;overflow:auto;white-space:pre-wrap;word-break:break-all}
        pre.dmesg mark{background:#fd8}summary{cursor:pointer}details.fail>summary{color:#a00}
        .filters{margin:.5em 0}.filters input{width:24em}.charts{display:flex;flex-wrap:wrap;gap:2em}
        svg.chart text{font-size:11px}.sw{display:inline-block;width:10px;height:10px;margin:0 3px 0 10px}
        .hist{font-size:.85em}
        """;

    // Filters rows by name substring, status ("!pass" = anything else) and driver; reads data-* attributes only.
    public const string Script = """
        (function(){
          var name=document.getElementById('f-name'),st=document.getElementById('f-status'),dr=document.getElementById('f-driver');
          var count=document.getElementById('f-count');
          var rows=Array.prototype.slice.call(document.querySelectorAll('#results tbody tr'));
          var names=rows.map(function(r){return r.querySelector('.name').textContent.toLowerCase();});
          function apply(){
            var q=name.value.toLowerCase(),s=st.value,d=dr.value,shown=0;
            for(var i=0;i<rows.length;i++){
              var r=rows[i],rs=r.getAttribute('data-s');
              var ok=(!q||names[i].indexOf(q)>=0)&&(!s||(s==='!pass'?rs!=='pass':rs===s))&&(!d||r.getAttribute('data-d')===d);
              r.hidden=!ok;if(ok)shown++;
            }
            count.textContent=shown+' of '+rows.length+' tests';
          }
          name.addEventListener('input',apply);st.addEventListener('change',apply);dr.addEventListener('change',apply);
          apply();
        })();
        """;
}
