/**
 * Indonesian words of feeling, written for this project from everyday social-media usage
 * (standard spellings, slang, common abbreviations). Format: `word=valence`, valence from -3
 * (very negative) to +3; `a_b` is a phrase; `word=0|-1.5` has no feeling by itself but means
 * -1.5 when negated ("sertifikat belum dikirim", "CS gak bales"); `word=-2|0` keeps no feeling
 * when negated. Elongations ("kereeen"), digits for letters ("b4gus"), reduplication ("bagus2")
 * and the suffixes -nya, -lah, -kah, -ku, -mu are handled by the tokenizer and the lookup, so
 * only the base form is listed.
 *
 * Topic words of the campaigns (hoaks, penipuan, judi online, phishing, waspada, awas, lawan)
 * are deliberately absent or 0: "Waspada hoaks" informs, it does not complain.
 */
export const INDONESIAN_LEXICON = `
bagus=2 bgs=2 baguss=2 keren=2.5 kren=2.5 kece=2 keceh=2 mantap=2.5 mantab=2.5 mantep=2.5 mantul=2.5 mantabs=2.5
mantap_jiwa=3 mantap_betul=3 hebat=2.5 luar_biasa=3 bukan_main=2.5 top=2 markotop=2.5 top_markotop=3 juara=2 jos=2
joss=2 josss=2 ajib=2 gokil=2 gokill=2 asik=2 asyik=2 asoy=1.5 seru=2 sip=1 sipp=1 oke_banget=2 istimewa=2.5 terbaik=3
sempurna=2.5 cakep=2 cantik=1.5 ganteng=1.5 indah=2 rapi=1 rapih=1 lengkap=0.5 komplit=1 lengkap_banget=1.5 paket_komplit=2 paket_lengkap=2
bermanfaat=2 manfaat=1.5 berguna=2 berfaedah=2 faedah=1.5 membantu=1.5 terbantu=2 terbantukan=2 daging=1.5 berkah=2
berkualitas=2 mutu=1 menarik=1.5 inspiratif=2 menginspirasi=2 informatif=1.5 edukatif=1 kreatif=1.5 inovatif=1
interaktif=1 ramah=2 sabar=1.5 santun=1.5 sopan=1.5 santuy=1 jelas=1 gampang=0.5 mudah=0.5 praktis=1 nyaman=2
lancar=1.5 sukses=2 berhasil=1.5 semangat=1.5 bersemangat=1.5 antusias=1.5 profesional=1.5 adil=1.5 sesuai=1 pas=0.5
senang=2 seneng=2 bahagia=2.5 gembira=2 happy=2 bangga=2.5 puas=2 terharu=2 haru=1.5 lega=1.5 syukur=1.5 bersyukur=2
alhamdulillah=1.5 berkah=2 makasih=2 makasi=2 mksh=2 mksih=2 trims=2 trimakasih=2 terimakasih=2 terima_kasih=2
tengkyu=2 tq=1.5 tks=1.5 thx=2 nuhun=2 suka=1.5 cinta=2 sayang=-1 sayangnya=-1.5 sayang_banget=-2 sayang_sekali=-2 salut=2 respect=2 respek=2 kagum=2
takjub=2 wow=1.5 wah=0.5 recommended=2 rekomen=2 rekomended=2 worth_it=2 worth=1 layak=1 untung=1 beruntung=2
selamat=1.5 sukses_selalu=2.5 semoga=0.5 amin=0.5 aamiin=0.5 lucu=1.5 ngakak=1.5 wkwk=0.5 wkwkwk=0.5 haha=0.5 hehe=0.5
ramai=0.5 rame=0.5 jempol=0.5 dua_jempol=2.5 love=2 best=2.5 nice=2 good=2 cool=2 amazing=2.5 inklusif=1.5 aman=0.5
apresiasi=2 mengapresiasi=2 terbantu=2 ngebantu=1.5 kebuka=1 membuka_wawasan=2 wawasan=1 pencerahan=1.5 tercerahkan=2
solutif=1.5 tepat=1 akurat=1 cepat=1 tanggap=1.5 sigap=1.5 gercep=1.5 kompak=1.5 solid=1.5 keren_abis=3 the_best=3
nyesel=-2|1.5 nyesal=-2|1.5 menyesal=-2|1.5 rugi=-2|1.5 masalah=-1|1 mengecewakan=-2.5|2 kecewa=-2.5|1 kuciwa=-2.5|1
jelek=-2 jlek=-2 buruk=-2 payah=-2 ampas=-2.5 sampah=-2.5 parah=-2 kacau=-2.5 kacau_balau=-3 berantakan=-2 amburadul=-2.5
kesal=-2 kesel=-2 sebel=-2 sebal=-2 jengkel=-2 marah=-2.5 murka=-3 benci=-3 muak=-2.5 emosi=-1.5 geram=-2.5 kzl=-2
sedih=-2 nyesek=-2 galau=-1 kecewa_berat=-3 hancur=-2 patah_hati=-2 nangis=-1 menangis=-1 pilu=-2 miris=-2 prihatin=-1.5
capek=-1.5 cape=-1.5 lelah=-1 bosan=-2 bosen=-2 ngebosenin=-2 membosankan=-2 bete=-1.5 ngantuk=-1.5 garing=-1.5
monoton=-1.5 jutek=-2 galak=-2 judes=-2 sombong=-2 angkuh=-2 kasar=-2 merendahkan=-2 nyebelin=-2.5 ngeselin=-2.5
menyebalkan=-2.5 menjengkelkan=-2.5 ngeselin_banget=-3 lemot=-2 lelet=-2 lambat=-1 lama_banget=-1.5 error=-1.5 eror=-1.5
gagal=-2 rusak=-2 mati=-1 macet=-1 ngelag=-1.5 lag=-1.5 buffering=-1 putus=-1 buram=-1 berisik=-1.5 bising=-1.5
sempit=-1 panas=-1 gerah=-1.5 pengap=-1.5 kotor=-2 jorok=-2 jijik=-2.5 bau=-1.5 basi=-2 ribet=-1.5 ruwet=-1.5 rumit=-1
susah=-1.5 sulit=-1 repot=-1 ngaret=-2 molor=-1.5 telat=-1.5 terlambat=-1.5 batal=-1 dibatalkan=-1 dibatalin=-1
mendadak=-0.5 mahal=-1 kemahalan=-1.5 zonk=-2 php=-2 bohong=-2.5 pembohong=-3 dibohongi=-2.5 boong=-2 omdo=-2
ngibul=-2 curang=-2.5 tidak_adil=-2 pilih_kasih=-2 korupsi=-1 pungli=-2 lebay=-1.5 alay=-1.5 norak=-1.5 toxic=-2
toksik=-2 malu=-1.5 bikin_malu=-2.5 memalukan=-2.5 kasihan=-1.5 kasian=-1.5 takut=-1.5 ngeri=-1.5 seram=-1.5 serem=-1.5
khawatir=-1.5 cemas=-1.5 was_was=-1 trauma=-2 resah=-1.5 gelisah=-1.5 curiga=-1 waswas=-1 sakit=-1.5 pusing=-1.5
mumet=-1.5 stres=-1.5 stress=-1.5 kapok=-2.5 ogah=-1.5 males=-1.5 malas=-1.5 seremonial=-1 formalitas=-1 percuma=-1.5
sia_sia=-2 buang_waktu=-2 buang_buang_waktu=-2.5 membuang_waktu=-2 gak_mutu=-2 asal_asalan=-2 abal_abal=-2 ecek_ecek=-2
bodoh=-2.5 bego=-2.5 goblok=-3 goblog=-3 tolol=-3 dungu=-2.5 anjing=-2.5 anjir=0 anjay=0.5 bangsat=-3 brengsek=-3
kampret=-2.5 sialan=-2.5 sial=-2 keparat=-3 kurang_ajar=-3 bajingan=-3 tai=-2.5 kecewain=-2.5 ngecewain=-2.5
komplain=-1 keluhan=-1 mengeluh=-1 protes=-1 keberatan=-1 teror=-2 diteror=-2 ancam=-1.5 diancam=-2 bocor=-1.5
tertipu=-2 ketipu=-2 kena_tipu=-2 kena_scam=-2 kena_phising=-2 kena_phishing=-2 kena_hoaks=-1.5 kena_hack=-2
jadi_korban=-2 dibajak=-1 kebobolan=-2 ludes=-2 raib=-2 hilang=-1 ilang=-1 tidak_aman=-1.5 sepi=-1 gaptek=0 ceroboh=-0.5
dikirim=0|-1.5 dikirimkan=0|-1.5 dibalas=0|-1.5 dibales=0|-1.5 bales=0|-1.5 balas=0|-1.5 ditanggapi=0|-1.5
ditanggepin=0|-1.5 direspon=0|-1.5 direspons=0|-1.5 respon=0|-1 diangkat=0|-1.5 ditindak=0|-1.5 tindakan=0|-1
dibayar=0|-1.5 cair=0|-1.5 disediakan=0|-1 disediain=0|-1 nyambung=0|-1.5 kedengeran=0|-1.5 kedengaran=0|-1.5
siap=0|-1.5 dijawab=0|-1.5 dikasih=0|-1 ditepati=0|-1.5 nyangka=0 lupa=0 jangan_lupa=0 tidak_lupa=0
selamat_pagi=0 selamat_siang=0 selamat_sore=0 selamat_malam=0 selamat_datang=0.5 paling_lambat=0 paling_cepat=0
xd=1 zzz=-1 daring=0 ban=0 lumayan=1 gratis=0 murah=0 diskon=0 promo=0 hoaks=0 hoax=0 penipuan=0 penipu=0 palsu=0 waspada=0 awas=0 hati_hati=0 lawan=0
`;
