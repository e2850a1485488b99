$BIN/chiso --columns doc,province,metric,period,status,measure,value,unit,basis,approx,component,sentence tests/pipeline/data/*.txt
