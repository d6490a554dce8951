/**
 * Javanese (ngoko and krama) and Sundanese words of feeling, written for this project; same
 * format as lexicon-id.data.ts. Posts in these languages mix in Indonesian freely, so they are
 * read with the Indonesian lexicon underneath: only what differs is listed here. Sundanese
 * "goreng" (bad) and Javanese "elek" stay out of the Indonesian reading ("ayam goreng" is food).
 */
export const JAVANESE_LEXICON = `
apik=2 apike=2 sae=2 becik=2 bagus=2 mantep=2.5 mantap=2.5 josss=2 joss=2 jos=2 joss_gandos=3 top_markotop=3
nyenengke=2 seneng=2 bungah=2.5 bombong=2 lega=1.5 marem=2 puas=2 ayu=1.5 ganteng=1.5 nggantheng=1.5 lucu=1.5
migunani=2 manfaat=1.5 mupangati=2 kanggo=0 matur_nuwun=2 maturnuwun=2 matursuwun=2 matur_suwun=2 suwun=2 nuwun=1
salut=2 hebat=2.5 pinter=1.5 pintar=1.5 sregep=1.5 semangat=1.5 ngguyu=1 ngakak=1.5 asik=2 asyik=2 seru=2 rame=0.5
elek=-2 ala=-2 awon=-2 rusak=-2 kuciwa=-2.5|1 kecewa=-2.5|1 nesu=-2.5 muntab=-3 jengkel=-2 mangkel=-2 gela=-2
sedih=-2 susah=-1.5 nelangsa=-2.5 mesakke=-1.5 mesakake=-1.5 wedi=-1.5 isin=-1.5 kesel=-1.5 bosen=-2 mbosenke=-2
mbosenake=-2 ngantuk=-1.5 lemot=-2 suwe=0 kesuwen=-1.5 telat=-1.5 kapok=-2.5 rugi=-2|1.5 nyesel=-2|1.5 getun=-2|1.5
mutu=1 ra_mutu=-2 ora_mutu=-2 mashok=1 ra_mashok=-1.5 asu=-3 jancuk=-3 jancok=-3 cuk=-1 bajigur=-1 goblok=-3
semrawut=-2 ruwet=-1.5 ribet=-1.5 panas=-1 sumuk=-1.5 reged=-2 mambu=-1.5 galak=-2 judes=-2 sombong=-2 ngapusi=-2.5
diapusi=-2.5 kena_apus=-2 diangkat=0|-1.5 dikirim=0|-1.5 dijawab=0|-1.5 siap=0|-1.5 mlebu=0|-1
`;

export const SUNDANESE_LEXICON = `
sae=2 sae_pisan=3 alus=2 hade=2 saena=2 mantap=2.5 mantul=2.5 keren=2.5 resep=2 bungah=2.5 bingah=2.5 sugema=2
seneng=2 atoh=2 genah=2 ngeunah=2 raos=1.5 geulis=1.5 kasep=1.5 bageur=2 someah=2 soméah=2 pinter=1.5 calakan=1.5
mangpaat=2 manfaat=1.5 nuhun=2 hatur_nuhun=2 hatur_nuhun_pisan=3 salut=2 hebat=2.5 sumanget=1.5 seuri=1 lucu=1.5
ngakak=1.5 asik=2 seru=2 rame=0.5 kapake=1 kapaké=1 gampil=0.5 kahartos=1 lengkep=1
goreng=-2 awon=-2 butut=-2 ruksak=-2 kuciwa=-2.5|1 keuheul=-2.5 ambek=-2.5 ngambek=-1.5 sedih=-2 nalangsa=-2.5
hanjakal=-1.5 melang=-1.5 sieun=-1.5 era=-1.5 isin=-1.5 cape=-1.5 capé=-1.5 bosen=-2 ngabosenkeun=-2 tunduh=-1.5
lemot=-2 lila=0 kapok=-2.5 rugi=-2|1.5 kaduhung=-2|1.5 mutu=1 teu_mutu=-2 asup_akal=1 katipu=-2 kabobodo=-2
dibobodo=-2 bohong=-2.5 goblog=-3 anjing=-2.5 sia=0 belegug=-3 bangsat=-3 galak=-2 sombong=-2 jorok=-2 kotor=-2
pabaliut=-2 riweuh=-1.5 hese=-1.5 panas=-1 diangkat=0|-1.5 dikirim=0|-1.5 dijawab=0|-1.5 siap=0|-1.5 asup=0|-1
`;
