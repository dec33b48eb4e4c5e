// SPDX-License-Identifier: GPL-2.0
/*
 * C shim: AES-CCM for include/kcxx/crypto.h, on the crypto API's
 * "ccm(aes)" AEAD, synchronous implementations only (the C++ side
 * encrypts with bottom halves off and cannot wait for a callback).
 *
 * Each object carries its transform, one request and one buffer, all
 * allocated when it is made: an operation allocates nothing and may run
 * in any context.  The buffer is kmalloc memory, so a scatterlist can
 * describe it whatever the caller's buffers are (DMA-coherent memory,
 * the stack): the associated data and the text are copied in, the
 * transform works in place, the result is copied out.  One buffer per
 * object means one operation at a time per object; the caller serializes.
 *
 * ARC4 and CRC-32 (WEP, TKIP) are the library functions, on a state the
 * C++ side holds opaquely.
 */
#include <crypto/aead.h>
#include <crypto/arc4.h>
#include <linux/crc32.h>
#include <linux/crypto.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/overflow.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "../include/kcxx/shim.h"

/* Room for the associated data (802.11 CCMP needs at most 30 bytes). */
#define KCXX_CCM_AAD_MAX 32U
#define KCXX_CCM_LEN_MAX 4096U

struct kcxx_aes_ccm {
	struct crypto_aead *tfm;
	struct aead_request *req;
	unsigned int mic_len;
	unsigned int max_len;
	u8 buf[]; /* associated data, text, MIC */
};

void kcxx_shim_aes_ccm_free(void *p)
{
	struct kcxx_aes_ccm *c = p;

	if (!c)
		return;
	aead_request_free(c->req);
	if (!IS_ERR_OR_NULL(c->tfm))
		crypto_free_aead(c->tfm);
	kfree_sensitive(c);
}
EXPORT_SYMBOL_GPL(kcxx_shim_aes_ccm_free);

void *kcxx_shim_aes_ccm_new(const unsigned char *key, unsigned int key_len, unsigned int mic_len, unsigned int max_len,
			    int *err)
{
	struct kcxx_aes_ccm *c;
	int r;

	might_sleep();
	*err = -EINVAL;
	if ((key_len != 16 && key_len != 24 && key_len != 32) || mic_len < 4 || mic_len > 16 || (mic_len & 1) ||
	    !max_len || max_len > KCXX_CCM_LEN_MAX)
		return NULL;
	*err = -ENOMEM;
	c = kzalloc(struct_size(c, buf, KCXX_CCM_AAD_MAX + max_len + mic_len), GFP_KERNEL);
	if (!c)
		return NULL;
	c->mic_len = mic_len;
	c->max_len = max_len;
	c->tfm = crypto_alloc_aead("ccm(aes)", 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(c->tfm)) {
		*err = PTR_ERR(c->tfm);
		goto fail;
	}
	r = crypto_aead_setkey(c->tfm, key, key_len);
	if (!r)
		r = crypto_aead_setauthsize(c->tfm, mic_len);
	if (r) {
		*err = r;
		goto fail;
	}
	c->req = aead_request_alloc(c->tfm, GFP_KERNEL);
	if (!c->req)
		goto fail;
	aead_request_set_callback(c->req, 0, NULL, NULL);
	*err = 0;
	return c;
fail:
	kcxx_shim_aes_ccm_free(c);
	return NULL;
}
EXPORT_SYMBOL_GPL(kcxx_shim_aes_ccm_new);

int kcxx_shim_aes_ccm_crypt(void *p, int encrypt, const unsigned char *nonce, unsigned int nonce_len, const void *aad,
			    unsigned int aad_len, const void *in, unsigned int len, void *out, unsigned char *mic)
{
	struct kcxx_aes_ccm *c = p;
	struct scatterlist sg;
	u8 iv[16] = {};
	int r;

	/* CCM: a 15 - L byte nonce, L (2..8) the width of the length field. */
	if (!c || nonce_len < 7 || nonce_len > 13 || aad_len > KCXX_CCM_AAD_MAX || len > c->max_len)
		return -EINVAL;
	iv[0] = 15 - nonce_len - 1; /* L' = L - 1 */
	memcpy(iv + 1, nonce, nonce_len);
	memcpy(c->buf, aad, aad_len);
	memcpy(c->buf + aad_len, in, len);
	if (!encrypt)
		memcpy(c->buf + aad_len + len, mic, c->mic_len);
	sg_init_one(&sg, c->buf, aad_len + len + c->mic_len);
	aead_request_set_crypt(c->req, &sg, &sg, encrypt ? len : len + c->mic_len, iv);
	aead_request_set_ad(c->req, aad_len);
	r = encrypt ? crypto_aead_encrypt(c->req) : crypto_aead_decrypt(c->req);
	if (!r) {
		memcpy(out, c->buf + aad_len, len);
		if (encrypt)
			memcpy(mic, c->buf + aad_len + len, c->mic_len);
	}
	memzero_explicit(c->buf, aad_len + len + c->mic_len);
	return r;
}
EXPORT_SYMBOL_GPL(kcxx_shim_aes_ccm_crypt);

void *kcxx_shim_arc4_new(void)
{
	might_sleep();
	return kzalloc(sizeof(struct arc4_ctx), GFP_KERNEL);
}
EXPORT_SYMBOL_GPL(kcxx_shim_arc4_new);

void kcxx_shim_arc4_setkey(void *p, const unsigned char *key, unsigned int key_len)
{
	/* Only fails for lengths outside 1..256, which kcxx checks. */
	WARN_ON_ONCE(arc4_setkey(p, key, key_len));
}
EXPORT_SYMBOL_GPL(kcxx_shim_arc4_setkey);

void kcxx_shim_arc4_crypt(void *p, const void *in, void *out, unsigned int len)
{
	arc4_crypt(p, out, in, len);
}
EXPORT_SYMBOL_GPL(kcxx_shim_arc4_crypt);

void kcxx_shim_arc4_free(void *p)
{
	kfree_sensitive(p);
}
EXPORT_SYMBOL_GPL(kcxx_shim_arc4_free);

unsigned int kcxx_shim_crc32_le(unsigned int crc, const void *p, unsigned long len)
{
	return crc32_le(crc, p, len);
}
EXPORT_SYMBOL_GPL(kcxx_shim_crc32_le);
