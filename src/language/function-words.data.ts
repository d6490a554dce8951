/**
 * Frequent words that tell the languages of Indonesian campaigns apart, written for this project
 * (folded: lower case, no diacritics, apostrophes dropped as the tokenizer drops them). They are
 * mostly function words, pronouns, particles and their everyday social-media spellings, because
 * those occur in almost every post whatever its subject.
 *
 * A word belongs to a list only where it marks that language. Words the languages share ("apa",
 * "di", "aku", "banget", "kok", "mas", "kudu", "wae") are in the Indonesian list alone or in
 * none, since Javanese and Sundanese posts borrow Indonesian freely while Indonesian posts rarely
 * use Javanese or Sundanese function words. Left out on purpose: Javanese "aja" (Indonesian
 * "just"), "je" (French "I"), "to" and "meh" (English), "iso" (a camera setting); Sundanese
 * "ulah" and "sok" (Indonesian words), "ti" and "ka" (acronyms, abbreviations of "kak").
 */

const words = (list: string): readonly string[] => list.split(/\s+/).filter((w) => w !== '');

export const INDONESIAN_WORDS = words(`
yang yg dan di ke dari ini itu untuk utk buat dengan dgn tidak tdk gak ga gk nggak ngga enggak engga kagak sudah
udah udh sdh telah belum blm akan bisa bs ada adalah ialah saya sy aku gue gua gw kamu km kalian kita kami
mereka dia beliau juga jg sama sm tapi tp tetapi namun karena karna krn jadi jd kalau kalo klo kl lagi lg aja
saja sih dong deh nih tuh kan pada oleh dalam atau bukan bkn seperti kayak kyk gimana bagaimana siapa kapan
kenapa knp mengapa dimana harus hrs mau pengen pengin ingin lebih sangat sekali semua semoga terima kasih
makasih hari besok kemarin nanti sekarang skrg masih msh cuma cuman hanya baru para bagi agar supaya biar
walaupun meskipun tentang sebelum sesudah setelah antara orang kakak kak bapak ibu teman temen lo lu loh yuk ayo
jangan jgn bikin dapat dapet lewat melalui banyak byk sendiri begitu gitu begini gini pernah terus trs lalu
kemudian apakah tersebut tsb dll sedang ketika saat waktu setiap tiap mari silakan silahkan mohon tolong
semuanya gmn banget bgt bngt tahu tau ngerti mengerti datang dateng pulang bilang ngomong nonton lihat liat ikut
ikutan daftar acara acaranya materi materinya ilmu ilmunya kegiatan pelatihan peserta panitia berita kok iya
anak bener beneran emang memang mungkin kayaknya sepertinya soalnya makanya ternyata sampai sampe kali bareng
dulu tadi doang soal pakai pake cara nama minggu depan belakang mana sini situ sana lain kurang cukup tiga empat
enam delapan sembilan sepuluh semangat
`);

export const ENGLISH_WORDS = words(`
the and of is are was were be been being for in on at with this that these those it its i you your we our they
their them he she his her my me not no so but or if from all just very have has had do does did dont doesnt didnt
can cant cannot will wont would should could what how why when where who which there here about more than then an
by up out get got thanks thank please today tomorrow yesterday next week again really too also only after before
because into over any some one new much many every most such other each both while until through during without
against between us him let lets im ive youre were theyre isnt arent wasnt havent ever never always still yet even
though our everyone anyone someone something nothing like want need know think make made see way
`);

export const JAVANESE_WORDS = words(`
kowe koe awakmu sampeyan njenengan panjenengan kula ora ra iki kuwi kui iku kae wis wes uwis durung karo lan
sing opo piye kepiye pie ning nang mung wae ae tenan pol dadi isa gawe nggawe ngerteni ojo arep saiki mengko
sesuk wingi matur nuwun suwun maturnuwun sugeng monggo sedulur konco kanca akeh sithik sitik apik elek nesu
mangan turu omah wong ngene ngono nek yen menawa amarga mergo merga soale kabeh saka seka soko teko marang dhewe
dewe ketok rasane njur banjur entuk menyang mrene mrono kene kono lungguh ngguyu ngapa ngopo kenopo piro pinten
sinten pripun kados nggih inggih mboten boten sampun dereng menika punika niki niku badhe ajeng saged ingkang
kaliyan wonten sanget dipun nyuwun sewu ngapunten kangge kanggo saking dhateng teng mugi mugo muga lur cah mbak
simbah sak sakwise sawise nganti rampung babar blas sedaya rawuh dinten pitakon ndeleng dolan mulih budhal isin
jengkel nelangsa ngenteni dhisik disik sopo endi sedhela owah gelem mulang adoh migunani sinau ngrungokake sae
awon damel artos nembe enjing kedah sareng sanes wilujeng dugi melu suwe entek njero ana mlebu metu jarene
pokoke saben padha anyar takon jeneng maneh nanging uga neng loro telu papat limo pitu wolu
`);

export const SUNDANESE_WORDS = words(`
abdi urang anjeun maneh aranjeunna teu henteu moal acan tos atos parantos geus ieu eta nu jeung sareng kana
pikeun tiasa hoyong hayang kedah naon kumaha iraha saha sanes seueur loba saeutik sakedik nuhun hatur punten
wilujeng sampurasun baraya wargi ngiring ngartos ngarti kahartos meureun pan upami lamun mun oge deui ayeuna
engke isukan enjing kamari nembe kakara dugi nepi keur nuju bari ngan ukur kitu kieu sapertos siga kawas
sadayana sadaya waktos artos ngadamel damel sae alus hade awon bageur bungah bingah keuheul pisan teuing wungkul
janten mah atuh euy teh wae sumping tabuh nami kenging kantos nyuhunkeun ngalangkungan pangalaman caritakeun
ningali dianggo gampil diajar sasarengan mugia mangpaat ngadangukeun diuk seuri lebet rerencangan pendak barudak
nini daek tunduh unggal enggal sami sora tuangeun lila beak bade naros daptar naha cenah meunang tina dieu ditu
ngeunaan munggaran nyalira sorangan kuring aing imah jalma batur hiji tilu opat genep dalapan salapan sapuluh
`);

/** Words Malaysian Malay uses where Indonesian says something else ("nak", "kerana", "selepas"). */
export const MALAY_WORDS = words(`
nak mahu kerana sahaja awak tiada cuba kat kerajaan bas kedai selepas takde xde jom
`);
