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
        .strip{margin:.3em 0 .2em}.strip .hc{display:inline-block;width:12px;height:14px;margin-right:1px;padding:0;border-radius:2px;vertical-align:middle}
        .strip .hc.cur{outline:2px solid #36c}.strip .hsum{margin-left:.6em;font-size:.85em;color:#444}
        .uncaught{color:#b00}.mx{overflow:auto}#mutants-matrix td,#mutants-matrix th{border:1px solid #ddd}
        #mutants-matrix th.bug{vertical-align:bottom;height:14em;white-space:nowrap;font-weight:normal}
        #mutants-matrix th.bug span{writing-mode:vertical-rl;transform:rotate(180deg)}#mutants-matrix th.bug.uncaught{background:#fdd}
        #mutants-matrix td.uncaught{background:#fdd;font-weight:bold}#mutants-matrix td.hit{text-align:center}
        .ihist{font-size:.9em;color:#444}
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
          // History strips: a row's data-h holds one status letter per recent run; built with DOM calls only (text stays text).
          var hd=document.getElementById('hist-data');
          if(hd){
            var runs=JSON.parse(hd.getAttribute('data-runs')),legend=JSON.parse(hd.getAttribute('data-legend'));
            var bad=function(w){return w!=='pass'&&w!=='skip'&&w!=='notrun'&&w!=='absent';};
            var summary=function(ws){
              var last=-1,first=-1,flips=0,ran=0,prev=null;
              for(var i=0;i<ws.length;i++){if(ws[i]==='pass')last=i;}
              for(var j=last+1;j<ws.length;j++){if(bad(ws[j])){first=j;break;}}
              for(var k=0;k<ws.length;k++){if(ws[k]==='absent'||ws[k]==='notrun')continue;ran++;var b=bad(ws[k]);if(prev!==null&&b!==prev)flips++;prev=b;}
              return (first>=0?'regression window: last pass '+(last>=0?runs[last][0]:'(never)')+', first failure '+runs[first][0]:'not failing since its last pass')+
                '; flips '+flips+' in '+ran+' runs';
            };
            document.getElementById('results').addEventListener('click',function(ev){
              var a=ev.target;if(!a.classList||!a.classList.contains('hist'))return;
              ev.preventDefault();
              var row=a.closest('tr'),cell=a.parentNode,old=cell.querySelector('.strip');
              if(old){cell.removeChild(old);return;}
              var codes=row.getAttribute('data-h')||'',div=document.createElement('div'),ws=[];
              div.className='strip';
              for(var i=0;i<codes.length;i++){
                var w=legend[codes.charAt(i)]||'incomplete',s=document.createElement('span');ws.push(w);
                s.className='hc st '+w+(i===codes.length-1?' cur':'');
                s.setAttribute('title',runs[i][0]+' ('+runs[i][1]+'): '+w);
                div.appendChild(s);
              }
              var t=document.createElement('span');t.className='hsum';t.textContent=summary(ws);div.appendChild(t);
              cell.appendChild(div);
            });
          }
        })();
        """;
}
